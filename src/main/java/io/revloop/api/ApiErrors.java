package io.revloop.api;

import io.revloop.sync.SyncRunner;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns request errors into {@code {"error": "..."}} with the right status; never a stack trace. A 400
 * names the parameter, the value given and the form expected ({@link BadParameter}); parameters Spring
 * converts itself (dates, numbers) are described by their type in words, not by a Java type name.
 */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler({SyncRunner.UnknownSourceException.class, IllegalArgumentException.class})
    public ResponseEntity<Map<String, String>> badRequest(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        Class<?> type = e.getMethodParameter() == null ? null : e.getMethodParameter().getNestedParameterType();
        return error(HttpStatus.BAD_REQUEST,
                new BadParameter(e.getParameterName(), null, null, "use " + form(type)).getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Map<String, String>> badParameter(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String problem = type == LocalDate.class ? "is not a date" : isWholeNumber(type) ? "is not a whole number"
                : "cannot be read";
        return error(HttpStatus.BAD_REQUEST,
                new BadParameter(e.getName(), String.valueOf(e.getValue()), problem, "use " + form(type)).getMessage());
    }

    @ExceptionHandler(SyncRunner.SourceDisabledException.class)
    public ResponseEntity<Map<String, String>> disabled(SyncRunner.SourceDisabledException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** The form of a value of {@code type}, in words. */
    private static String form(Class<?> type) {
        return type == LocalDate.class ? "a date, YYYY-MM-DD" : isWholeNumber(type) ? "a whole number" : "a value";
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
