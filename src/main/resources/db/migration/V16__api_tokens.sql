-- Tokens the hub made itself: the admin token of a first start without configured tokens.
-- Only the SHA-256 of a token is stored, never the token.
CREATE TABLE api_tokens (
    name VARCHAR(100) NOT NULL PRIMARY KEY,
    role VARCHAR(16) NOT NULL,
    sha256 CHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
