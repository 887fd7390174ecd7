package io.sluice.api.docs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sluice.api.web.Problems;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;

/**
 * Every problem type the API answers with, as the contract publishes it: the schema
 * {@value #PROBLEM} with the five RFC 9457 members, and a schema per Sluice type that
 * adds the type's extension members ({@code allOf} the base). A response that can carry
 * only one type refers to that type's schema; one that can carry several refers to the
 * base and names the types in its description.
 */
final class ProblemTypes {

	static final String PROBLEM = "Problem";

	/**
	 * Every Sluice problem type, by schema name, in the order the contract lists them.
	 */
	static final List<ProblemType> ALL = List.of(
			type("TokenRequiredProblem", Problems.TOKEN_REQUIRED, "Bearer token required", 401,
					"No bearer token came with the request."),
			type("InvalidTokenProblem", Problems.INVALID_TOKEN, "Invalid bearer token", 401,
					"The bearer token failed a check, which the detail names."),
			type("InsufficientScopeProblem", Problems.INSUFFICIENT_SCOPE, "Insufficient scope", 403,
					"The token lacks the scope the request needs.",
					member("requiredScope", new StringSchema().description("the scope the request needs"),
							"sluice:write")),
			type("InvalidRequestProblem", Problems.INVALID_REQUEST, "Invalid job request", 400,
					"The body breaks one or more rules; `errors` names each photo index and field.", errors(),
					errorCount()),
			type("MalformedBodyProblem", Problems.MALFORMED_BODY, "Malformed request body", 400,
					"The body is not JSON, a value has the wrong JSON type, or the body has a property the request "
							+ "does not define; `errors[0]` names the field.",
					errors(), errorCount()),
			type("InvalidQueryProblem", Problems.INVALID_QUERY, "Invalid query parameter", 400,
					"A query parameter is malformed or out of range; `errors[0].field` names it.", errors(),
					errorCount()),
			type("BodyTooLargeProblem", Problems.BODY_TOO_LARGE, "Request body too large", 413,
					"The body is larger than the limit."),
			type("IdempotencyKeyReusedProblem", Problems.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", 422,
					"The Idempotency-Key was used before for another request; nothing was stored.",
					member("jobId", new UUIDSchema().description("the job the key names"),
							"3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4"),
					member("keyExpiresAt", new DateTimeSchema().description("when the key may name another job"),
							"2026-12-07T09:30:00Z")),
			type("IdempotencyKeyBusyProblem", Problems.IDEMPOTENCY_KEY_BUSY, "Idempotency key busy", 409,
					"Other requests with the same Idempotency-Key kept taking it and giving it up while this one was "
							+ "recorded; nothing was stored: send it again after Retry-After seconds."),
			type("JobTerminalProblem", Problems.JOB_TERMINAL, "Job already ended", 409,
					"The job has already ended and cannot be cancelled.",
					member("jobId", new UUIDSchema().description("the job"), "3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4"),
					member("jobStatus", new Schema<>().$ref(ref("JobStatus")), "COMPLETED")),
			type("TooManyPendingPhotosProblem", Problems.TOO_MANY_PENDING_PHOTOS, "Too many pending photos", 429,
					"The caller's unfinished jobs would hold more photos than the limit; retry after Retry-After "
							+ "seconds, when enough will have drained.",
					member("pendingPhotos",
							new IntegerSchema().format("int64")
								.description("photos of the caller's " + "unfinished jobs not yet processed"),
							950000),
					member("jobPhotos", new IntegerSchema().description("photos of the refused job"), 100000),
					member("maxPendingPhotos",
							new IntegerSchema().format("int64").description("sluice.api.limits.max-pending-photos"),
							1000000)),
			type("TooManyRequestsProblem", Problems.TOO_MANY_REQUESTS, "Too many requests", 429,
					"The caller made more requests than its rate allows; retry after Retry-After seconds."),
			type("TooManyLargeBodiesProblem", Problems.TOO_MANY_LARGE_BODIES, "Too many large request bodies", 429,
					"The caller already has as many large bodies in flight as it may; refused before the body was "
							+ "read. Retry after Retry-After seconds.",
					member("maxLargeBodiesPerOwner",
							new IntegerSchema().description("sluice.api.limits.max-large-bodies-per-owner"), 2)),
			type("TooManyStreamsProblem", Problems.TOO_MANY_STREAMS, "Too many event streams", 429,
					"The caller already has its share of event streams open on this instance; retry after "
							+ "Retry-After seconds.",
					member("maxStreamsPerOwner",
							new IntegerSchema().description("sluice.api.events.max-streams-per-owner"), 20)),
			type("AlbumForbiddenProblem", Problems.ALBUM_FORBIDDEN, "Album forbidden", 403,
					"The album belongs to another owner, who has not shared it with the caller; the same body whoever "
							+ "owns it. Nothing was stored.",
					member("albumId", new IntegerSchema().format("int64").description("the album"), 42)),
			type("AlbumNotFoundProblem", Problems.ALBUM_NOT_FOUND, "Album not found", 404, "No one owns the album.",
					member("albumId", new IntegerSchema().format("int64").description("the album"), 42)),
			type("UnavailableProblem", Problems.UNAVAILABLE, "Service unavailable", 503,
					"The database or Kafka cannot take the request now, or this instance already receives as many "
							+ "body bytes or serves as many event streams as it may; retry after Retry-After seconds.",
					optionalMember("jobId", new UUIDSchema()
						.description("for a submit: the job that was recorded but could not be queued, now FAILED"))));

	private ProblemTypes() {
	}

	/** The RFC 9457 members every problem has. */
	@SuppressWarnings("rawtypes")
	static Schema problem() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", new StringSchema().format("uri")
			.description("what kind of problem: one of the urn:sluice:problem:* types, each with a schema of its "
					+ "own, or about:blank for a plain HTTP failure"));
		properties.put("title", new StringSchema().description("a short summary of the type"));
		properties.put("status", new IntegerSchema().description("the HTTP status"));
		properties.put("detail", new StringSchema().description("what was wrong, in words"));
		properties.put("instance", new StringSchema().format("uri-reference").description("the request path"));
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "about:blank");
		example.put("title", "Not Found");
		example.put("status", 404);
		example.put("detail", "No job 3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4");
		example.put("instance", "/api/v1/jobs/3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4");
		// a plain Schema: an ObjectSchema would write its example out as a string
		return new Schema<>().types(Set.of("object"))
			.description("An RFC 9457 problem detail. Sluice's types add the members their schemas name (the "
					+ "schemas ending in Problem).")
			.properties(properties)
			.required(List.of("type", "title", "status"))
			.example(example);
	}

	static String ref(String schema) {
		return "#/components/schemas/" + schema;
	}

	private static ProblemType type(String schema, URI type, String title, int status, String description,
			Member... members) {
		return new ProblemType(schema, type, title, status, description, List.of(members));
	}

	private static Member member(String name, Schema<?> schema, Object example) {
		return new Member(name, schema, example, true);
	}

	private static Member optionalMember(String name, Schema<?> schema) {
		return new Member(name, schema, null, false);
	}

	private static Member errors() {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("index", 3);
		error.put("field", "url");
		error.put("message", "must be an absolute http or https URL");
		return member("errors", new ArraySchema().items(new Schema<>().$ref(ref("FieldProblem")))
			.description("each problem found, at most 100"), List.of(error));
	}

	private static Member errorCount() {
		return member("errorCount", new IntegerSchema().description("how many problems were found in all"), 1);
	}

	/** One entry of an {@code errors} array. */
	@SuppressWarnings("rawtypes")
	static Schema fieldProblem() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("index", new IntegerSchema()
			.description("the photo's position in `photos`; absent for a " + "field of the request itself"));
		properties.put("field", new StringSchema().description("the field; absent when the whole body is at fault"));
		properties.put("message", new StringSchema().description("what is wrong"));
		return new ObjectSchema().description("What is wrong with which field")
			.properties(properties)
			.required(List.of("message"));
	}

	/**
	 * A Sluice problem type.
	 *
	 * @param schema its schema's name
	 * @param type its {@code type} URI
	 * @param title its {@code title} (an example's: the title of {@code invalid-request}
	 * names what was refused, a job or an album change)
	 * @param status the status it is answered with
	 * @param description when it is answered
	 * @param members its extension members
	 */
	record ProblemType(String schema, URI type, String title, int status, String description, List<Member> members) {

		@SuppressWarnings("rawtypes")
		Schema toSchema() {
			ObjectSchema extension = new ObjectSchema();
			Map<String, Object> example = new LinkedHashMap<>();
			example.put("type", this.type.toString());
			example.put("title", this.title);
			example.put("status", this.status);
			for (Member member : this.members) {
				extension.addProperty(member.name(), member.schema());
				if (member.required()) {
					extension.addRequiredItem(member.name());
					example.put(member.name(), member.example());
				}
			}
			ComposedSchema schema = new ComposedSchema();
			schema.addAllOfItem(new Schema<>().$ref(ref(PROBLEM)));
			if (!this.members.isEmpty()) {
				schema.addAllOfItem(extension);
			}
			return schema.description("`type` " + this.type + " (" + this.status + "). " + this.description)
				.example(example);
		}

	}

	/**
	 * An extension member of a problem type.
	 *
	 * @param name its name
	 * @param schema its schema
	 * @param example a value for the type's example
	 * @param required whether every problem of the type has it
	 */
	record Member(String name, Schema<?> schema, Object example, boolean required) {

	}

}
