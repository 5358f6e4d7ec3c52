package io.revloop.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.text.ParseException;
import org.quartz.CronExpression;

/** A schedule setting: a Quartz cron expression (seconds first), checked at start with Quartz's own parser. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = QuartzCron.Validator.class)
public @interface QuartzCron {

    String message() default "must be a Quartz cron expression: seconds minutes hours day-of-month month"
            + " day-of-week [year], e.g. \"0 0/15 * * * ?\" (every 15 minutes)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<QuartzCron, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                CronExpression.validateExpression(value);
                return true;
            } catch (ParseException e) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(("'" + value + "' " + context.getDefaultConstraintMessageTemplate()
                        + " (" + e.getMessage() + ")").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
