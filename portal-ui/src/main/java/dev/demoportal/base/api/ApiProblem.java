package dev.demoportal.base.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem codes an API endpoint can answer besides the ones every endpoint can ({@link
 * ProblemCatalogue#COMMON}). Each code must be in the {@link ProblemCatalogue}; the OpenAPI
 * document turns them into responses with an example each, and the contract test fails when an
 * endpoint has no such annotation.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiProblem {

    /** Problem codes, e.g. {@code environment.not_found}; empty when only the common ones apply. */
    String[] value() default {};
}
