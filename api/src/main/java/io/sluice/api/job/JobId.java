package io.sluice.api.job;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Documents a job's id in a path: a UUID, as the contract types it. The controllers take
 * it as text and parse it themselves ({@link JobIds}), so that a malformed id is the same
 * 404 as an unknown one.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Parameter(description = "The job's id, as the submit answered it",
		schema = @Schema(type = "string", format = "uuid", example = "3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4"))
public @interface JobId {

}
