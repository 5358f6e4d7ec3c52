-- Canonical store. Portable SQL that runs unchanged on HSQLDB and PostgreSQL.
-- Every canonical table is keyed and upserted by (source, external_id); deletes are soft (deleted_at).
-- Canonical tables carry no secondary index yet: each one costs import speed (measured), so an
-- index comes with the query that needs it.
-- References between entities hold the source's own id (…_external_id), so files and API pages
-- can arrive in any order. Money keeps its original currency; conversion to the base currency
-- uses fx_rates at computation time. `extra` keeps unknown columns of an import as JSON.

CREATE TABLE accounts (
    source          VARCHAR(64)  NOT NULL,
    external_id     VARCHAR(255) NOT NULL,
    name            VARCHAR(512),
    web_domain      VARCHAR(255),
    industry        VARCHAR(255),
    employees       BIGINT,
    annual_revenue  DECIMAL(19,6),
    extra           VARCHAR(65535),
    deleted_at      TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id     BIGINT,
    CONSTRAINT pk_accounts PRIMARY KEY (source, external_id)
);

CREATE TABLE leads (
    source               VARCHAR(64)  NOT NULL,
    external_id          VARCHAR(255) NOT NULL,
    email                VARCHAR(320),
    company              VARCHAR(512),
    title                VARCHAR(255),
    country              VARCHAR(64),
    channel              VARCHAR(32),
    lead_source          VARCHAR(255),
    campaign_external_id VARCHAR(255),
    owner                VARCHAR(255),
    score                INTEGER,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    mql_at               TIMESTAMP WITH TIME ZONE,
    sql_at               TIMESTAMP WITH TIME ZONE,
    opportunity_at       TIMESTAMP WITH TIME ZONE,
    customer_at          TIMESTAMP WITH TIME ZONE,
    disqualified_at      TIMESTAMP WITH TIME ZONE,
    first_response_at    TIMESTAMP WITH TIME ZONE,
    account_external_id  VARCHAR(255),
    extra                VARCHAR(65535),
    deleted_at           TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id          BIGINT,
    CONSTRAINT pk_leads PRIMARY KEY (source, external_id)
);

CREATE TABLE deals (
    source               VARCHAR(64)  NOT NULL,
    external_id          VARCHAR(255) NOT NULL,
    name                 VARCHAR(512),
    account_external_id  VARCHAR(255),
    lead_external_id     VARCHAR(255),
    owner                VARCHAR(255),
    deal_type            VARCHAR(16),
    amount               DECIMAL(19,6) NOT NULL,
    currency             CHAR(3)      NOT NULL,
    stage                VARCHAR(255),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    expected_close_date  DATE,
    closed_at            TIMESTAMP WITH TIME ZONE,
    is_won               BOOLEAN,
    extra                VARCHAR(65535),
    deleted_at           TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id          BIGINT,
    CONSTRAINT pk_deals PRIMARY KEY (source, external_id)
);

CREATE TABLE deal_stage_changes (
    source            VARCHAR(64)  NOT NULL,
    external_id       VARCHAR(512) NOT NULL,
    deal_external_id  VARCHAR(255) NOT NULL,
    stage             VARCHAR(255) NOT NULL,
    entered_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    extra             VARCHAR(65535),
    deleted_at        TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id       BIGINT,
    CONSTRAINT pk_deal_stage_changes PRIMARY KEY (source, external_id)
);

CREATE TABLE campaigns (
    source       VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(255) NOT NULL,
    name         VARCHAR(512),
    channel      VARCHAR(32),
    platform     VARCHAR(64),
    extra        VARCHAR(65535),
    deleted_at   TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id  BIGINT,
    CONSTRAINT pk_campaigns PRIMARY KEY (source, external_id)
);

CREATE TABLE touchpoints (
    source               VARCHAR(64)  NOT NULL,
    external_id          VARCHAR(255) NOT NULL,
    lead_external_id     VARCHAR(255) NOT NULL,
    occurred_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    channel              VARCHAR(32),
    touch_source         VARCHAR(255),
    medium               VARCHAR(255),
    campaign_external_id VARCHAR(255),
    touch_type           VARCHAR(64),
    extra                VARCHAR(65535),
    deleted_at           TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id          BIGINT,
    CONSTRAINT pk_touchpoints PRIMARY KEY (source, external_id)
);

CREATE TABLE ad_spend (
    source               VARCHAR(64)  NOT NULL,
    external_id          VARCHAR(512) NOT NULL,
    spend_date           DATE         NOT NULL,
    platform             VARCHAR(64)  NOT NULL,
    campaign_external_id VARCHAR(255) NOT NULL,
    channel              VARCHAR(32),
    impressions          BIGINT,
    clicks               BIGINT,
    cost                 DECIMAL(19,6) NOT NULL,
    currency             CHAR(3)      NOT NULL,
    conversions          DECIMAL(19,6),
    extra                VARCHAR(65535),
    deleted_at           TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id          BIGINT,
    CONSTRAINT pk_ad_spend PRIMARY KEY (source, external_id)
);

CREATE TABLE web_traffic (
    source                  VARCHAR(64)  NOT NULL,
    external_id             VARCHAR(512) NOT NULL,
    traffic_date            DATE         NOT NULL,
    channel                 VARCHAR(32)  NOT NULL,
    sessions                BIGINT       NOT NULL,
    engaged_sessions        BIGINT,
    page_views              BIGINT,
    total_duration_seconds  BIGINT,
    extra                   VARCHAR(65535),
    deleted_at              TIMESTAMP WITH TIME ZONE,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id             BIGINT,
    CONSTRAINT pk_web_traffic PRIMARY KEY (source, external_id)
);

CREATE TABLE activities (
    source            VARCHAR(64)  NOT NULL,
    external_id       VARCHAR(255) NOT NULL,
    lead_external_id  VARCHAR(255) NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    activity_type     VARCHAR(64),
    extra             VARCHAR(65535),
    deleted_at        TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id       BIGINT,
    CONSTRAINT pk_activities PRIMARY KEY (source, external_id)
);

CREATE TABLE mrr (
    source               VARCHAR(64)  NOT NULL,
    external_id          VARCHAR(512) NOT NULL,
    account_external_id  VARCHAR(255) NOT NULL,
    month_start          DATE         NOT NULL,
    mrr                  DECIMAL(19,6) NOT NULL,
    currency             CHAR(3)      NOT NULL,
    extra                VARCHAR(65535),
    deleted_at           TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id          BIGINT,
    CONSTRAINT pk_mrr PRIMARY KEY (source, external_id)
);

CREATE TABLE costs (
    source       VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(512) NOT NULL,
    month_start  DATE         NOT NULL,
    category     VARCHAR(16)  NOT NULL,
    channel      VARCHAR(32),
    amount       DECIMAL(19,6) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    extra        VARCHAR(65535),
    deleted_at   TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id  BIGINT,
    CONSTRAINT pk_costs PRIMARY KEY (source, external_id)
);

CREATE TABLE quotas (
    source        VARCHAR(64)  NOT NULL,
    external_id   VARCHAR(512) NOT NULL,
    owner         VARCHAR(255) NOT NULL,
    period_start  DATE         NOT NULL,
    period_end    DATE         NOT NULL,
    amount        DECIMAL(19,6) NOT NULL,
    currency      CHAR(3)      NOT NULL,
    extra         VARCHAR(65535),
    deleted_at    TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id   BIGINT,
    CONSTRAINT pk_quotas PRIMARY KEY (source, external_id)
);

CREATE TABLE survey_responses (
    source               VARCHAR(64)  NOT NULL,
    external_id          VARCHAR(512) NOT NULL,
    account_external_id  VARCHAR(255) NOT NULL,
    responded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    survey_type          VARCHAR(8)   NOT NULL,
    score                INTEGER      NOT NULL,
    extra                VARCHAR(65535),
    deleted_at           TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id          BIGINT,
    CONSTRAINT pk_survey_responses PRIMARY KEY (source, external_id)
);

CREATE TABLE fx_rates (
    source       VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(64)  NOT NULL,
    rate_date    DATE         NOT NULL,
    currency     CHAR(3)      NOT NULL,
    rate         DECIMAL(19,10) NOT NULL,
    extra        VARCHAR(65535),
    deleted_at   TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_run_id  BIGINT,
    CONSTRAINT pk_fx_rates PRIMARY KEY (source, external_id)
);

-- KPI results, kept as history: a restatement is a new row with a later computed_at.
CREATE TABLE kpi_values (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1) PRIMARY KEY,
    kpi              VARCHAR(64)  NOT NULL,
    grain            VARCHAR(16)  NOT NULL,
    period_start     DATE         NOT NULL,
    dimension        VARCHAR(32),
    dimension_value  VARCHAR(255),
    metric_value     DECIMAL(30,10),
    numerator        DECIMAL(30,10),
    denominator      DECIMAL(30,10),
    computed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_kpi_values_lookup ON kpi_values (kpi, grain, period_start);

CREATE TABLE sync_runs (
    id              BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1) PRIMARY KEY,
    source          VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    trigger_kind    VARCHAR(16)  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    records_read    BIGINT       NOT NULL,
    upserted        BIGINT       NOT NULL,
    deleted         BIGINT       NOT NULL,
    dead_lettered   BIGINT       NOT NULL,
    error           VARCHAR(4000)
);
CREATE INDEX ix_sync_runs_source ON sync_runs (source, started_at);

-- The cursor of each source stream, committed in the same transaction as the records it covers.
CREATE TABLE sync_state (
    source        VARCHAR(64)   NOT NULL,
    stream_name   VARCHAR(512)  NOT NULL,
    cursor_value  VARCHAR(4000) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sync_state PRIMARY KEY (source, stream_name)
);

CREATE TABLE dead_letters (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1) PRIMARY KEY,
    sync_run_id  BIGINT,
    source       VARCHAR(64)   NOT NULL,
    entity       VARCHAR(64),
    file_name    VARCHAR(1024),
    line_number  BIGINT,
    reason       VARCHAR(4000) NOT NULL,
    payload      VARCHAR(65535),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dead_letters_run ON dead_letters (sync_run_id);

CREATE TABLE alert_events (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1) PRIMARY KEY,
    rule_id          VARCHAR(255) NOT NULL,
    kpi              VARCHAR(64)  NOT NULL,
    grain            VARCHAR(16),
    period_start     DATE,
    dimension        VARCHAR(32),
    dimension_value  VARCHAR(255),
    metric_value     DECIMAL(30,10),
    threshold        DECIMAL(30,10),
    alert_state      VARCHAR(16)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE
);
