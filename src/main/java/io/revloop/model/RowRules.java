package io.revloop.model;

import io.revloop.model.ValueParser.BadValueException;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Checks that span more than one field of a record, or a range narrower than the field's type. */
public final class RowRules {

    private RowRules() {
    }

    /** Throws a {@link BadValueException} naming the rule the record breaks. */
    public static void check(Entity entity, Object[] values) {
        switch (entity) {
            case LEADS -> range(entity, values, "score", 0, 100);
            case SURVEYS -> {
                boolean nps = "nps".equals(values[entity.indexOf("type")]);
                range(entity, values, "score", nps ? 0 : 1, nps ? 10 : 5);
            }
            case QUOTAS -> {
                LocalDate start = (LocalDate) values[entity.indexOf("period_start")];
                LocalDate end = (LocalDate) values[entity.indexOf("period_end")];
                if (end.isBefore(start)) {
                    throw new BadValueException("period_end " + end + " is before period_start " + start);
                }
            }
            case FX_RATES -> {
                if (((BigDecimal) values[entity.indexOf("rate")]).signum() <= 0) {
                    throw new BadValueException("rate must be greater than 0");
                }
            }
            case ACCOUNTS -> range(entity, values, "employees", 0, Integer.MAX_VALUE);
            default -> {
            }
        }
    }

    private static void range(Entity entity, Object[] values, String field, long min, long max) {
        Long value = (Long) values[entity.indexOf(field)];
        if (value != null && (value < min || value > max)) {
            throw new BadValueException(field + " " + value + " is outside " + min + "–" + max);
        }
    }
}
