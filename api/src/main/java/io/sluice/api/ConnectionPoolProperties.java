package io.sluice.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The API's share of the database connection budget. application.yml applies it to the
 * Hikari pool ({@code maximum-pool-size} and {@code minimum-idle}); this record validates
 * it and documents it.
 *
 * @param poolSize Connections the API holds to PostgreSQL, fixed (each request uses at
 * most one, for one statement at a time).
 */
@Validated
@ConfigurationProperties("sluice.api")
record ConnectionPoolProperties(@DefaultValue("4") @Min(1) @Max(100) int poolSize) {

}
