package org.unodc.uponrequest.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test on the {@code postgres} profile against a real PostgreSQL
 * ({@link PostgresForTests}). Put on a subclass of an H2 test to run the same tests on both
 * databases; the profiles of the class it extends are kept.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = PostgresForTests.class)
public @interface OnPostgres {}
