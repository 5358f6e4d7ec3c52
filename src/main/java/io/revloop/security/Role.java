package io.revloop.security;

import java.util.Locale;

/**
 * What a token may do. Each role includes the ones below it: {@code viewer} reads KPIs, attribution,
 * runs and alerts; {@code operator} also starts syncs and recomputes and reads dead letters (raw
 * rows are personal data); {@code admin} may do everything, including what later features add.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
