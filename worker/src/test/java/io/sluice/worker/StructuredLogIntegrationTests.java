package io.sluice.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.sluice.common.chunk.PhotoChunk;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker started with {@code logging.structured.format.console=ecs} (what
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} sets) writes one JSON object per line,
 * and a line about a chunk carries the chunk's job, index, partition and offset as
 * fields, dead-lettering included. Its own context, closed after the class: its consumers
 * must not keep partitions from the next class's worker.
 */
@DirtiesContext
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogIntegrationTests extends WorkerIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void logsChunkLinesAsEcsJsonWithTheChunksJobIndexPartitionAndOffset(CapturedOutput output) {
		TestJob job = queued(aJob().withPhotos(200).inChunksOf(100).build());
		this.kafka.publishAll(job);
		awaitFinished(job.id());

		await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
			Map<String, String> line = ecsLines(output)
				.filter((fields) -> job.id().toString().equals(fields.get("sluice.jobId")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No ECS line carries sluice.jobId " + job.id()));
			assertThat(line).containsKeys("@timestamp", "log.level", "message", "sluice.chunkIndex", "kafka.partition",
					"kafka.offset");
			assertThat(line.get("message")).contains("Job " + job.id() + " finished COMPLETED");
			assertThat(Integer.parseInt(line.get("sluice.chunkIndex"))).isBetween(0, 1);
			assertThat(Long.parseLong(line.get("kafka.offset"))).isNotNegative();
		});
	}

	@Test
	void logsTheDeadLetteringOfAChunkWithItsJobIndexPartitionAndOffset(CapturedOutput output) {
		PhotoChunk orphan = TestJob.aChunkOfAnUnknownJob();
		RecordMetadata published = this.kafka.publish(orphan);

		await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
			Map<String, String> line = ecsLines(output)
				.filter((fields) -> orphan.jobId().toString().equals(fields.get("sluice.jobId")))
				.filter((fields) -> fields.get("message").contains("can never be written"))
				.findFirst()
				.orElseThrow(
						() -> new AssertionError("No ECS dead-letter line carries sluice.jobId " + orphan.jobId()));
			assertThat(line).containsEntry("log.level", "WARN")
				.containsEntry("sluice.chunkIndex", String.valueOf(orphan.chunkIndex()))
				.containsEntry("kafka.partition", String.valueOf(published.partition()))
				.containsEntry("kafka.offset", String.valueOf(published.offset()));
		});
	}

	private static Stream<Map<String, String>> ecsLines(CapturedOutput output) {
		return output.getOut()
			.lines()
			.filter((text) -> text.startsWith("{"))
			.map(StructuredLogIntegrationTests::fields);
	}

	/** A JSON line's fields, nested objects flattened to dotted names. */
	private static Map<String, String> fields(String line) {
		Map<String, String> fields = new LinkedHashMap<>();
		flatten("", json.readTree(line), fields);
		return fields;
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> fields) {
		if (node.isObject()) {
			node.properties()
				.forEach((field) -> flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
						field.getValue(), fields));
		}
		else {
			fields.put(prefix, node.isValueNode() ? node.asString() : node.toString());
		}
	}

}
