package io.sluice.api.job.submit;

import java.lang.invoke.MethodHandles;
import java.net.InetAddress;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.job.submit.publish.JobChunker;
import io.sluice.api.limit.BodyAdmissionFilter;
import io.sluice.api.limit.LimitsProperties;
import io.sluice.api.web.BodySizeLimitFilter;
import io.sluice.api.web.ProblemResponses;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.json.RecordCreatorModule;
import io.sluice.common.webhook.CallbackProperties;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of job submission: its limits, the body size cap, strict JSON reading and the
 * chunker. Publishing the chunks is wired in
 * {@code io.sluice.api.job.submit.publish.PublishConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ JobsProperties.class, CallbackProperties.class })
class JobSubmitConfiguration {

	@Bean
	JobRequestValidator jobRequestValidator(JobsProperties properties, CallbackProperties callbacks) {
		return new JobRequestValidator(properties.maxPhotos(), callbacks.rule());
	}

	@Bean
	CallbackHosts callbackHosts(CallbackProperties callbacks) {
		return new CallbackHosts(callbacks.rule(), InetAddress::getAllByName);
	}

	@Bean
	JobChunker jobChunker(JobsProperties properties) {
		return new JobChunker(properties.chunkSize(), ChunkTopics.MAX_CHUNK_BYTES);
	}

	/**
	 * Caps request bodies at {@code sluice.api.jobs.max-body-size}, after authentication
	 * so that anonymous clients are refused without their body being read, and after the
	 * rate limit.
	 */
	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(JobsProperties properties,
			ProblemResponses problems) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(properties.maxBodySize(), problems));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 2);
		return registration;
	}

	/**
	 * Admits request bodies by declared size before they are read (per owner, and in all
	 * for this instance; ADR 0035), after authentication, the rate limit and the body
	 * size cap.
	 */
	@Bean
	FilterRegistrationBean<BodyAdmissionFilter> bodyAdmissionFilter(JobsProperties properties, LimitsProperties limits,
			ProblemResponses problems) {
		FilterRegistrationBean<BodyAdmissionFilter> registration = new FilterRegistrationBean<>(
				new BodyAdmissionFilter(limits, properties.maxBodySize(), Runtime.getRuntime().maxMemory(), problems));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 3);
		return registration;
	}

	/**
	 * Reads JSON strictly, so that a wrong type is reported instead of guessed: no
	 * {@code "42"} for a number or {@code 42} for a string, no {@code 1.5} truncated to
	 * {@code 1}, no duplicate properties, no property the body may not have (a misspelt
	 * {@code "captoin"} would lose its caption behind a 202; ADR 0044), nothing after the
	 * body's value.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJsonReading() {
		return (builder) -> builder
			.withCoercionConfig(LogicalType.Integer,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * Creates the job request's records ({@link JobRequest}, its
	 * {@link JobRequest.PhotoRequest}s and {@link JobRequest.CallbackRequest}, all of
	 * this package) without Jackson's per-call reflection cost (see
	 * {@link RecordCreatorModule}).
	 */
	@Bean
	JsonMapperBuilderCustomizer preparedRecordCreators() {
		return (builder) -> builder.addModule(new RecordCreatorModule(MethodHandles.lookup()));
	}

}
