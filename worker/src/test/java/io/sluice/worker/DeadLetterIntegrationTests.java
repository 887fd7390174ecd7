package io.sluice.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.UnreadableChunkException;
import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.LedgerRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterIntegrationTests extends WorkerIntegrationTest {

	@Test
	void deadLettersAnUnreadableRecordAndAnUnknownJobWithoutBlockingThePartition() {
		TestJob job = queued(aJob().withPhotos(20).build());
		String key = job.chunk(0).key();
		byte[] garbage = garbage();
		byte[] unknownJob = new ChunkCodec().encode(TestJob.aChunkOfAnUnknownJob());

		this.kafka.publish(key, garbage);
		this.kafka.publish(key, unknownJob);
		this.kafka.publish(job.chunk(0));

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 1, 20, 0, 0, true));
		await().atMost(JOB_TIMEOUT).untilAsserted(() -> assertThat(this.kafka.deadLetters(key)).hasSize(2));
		List<ConsumerRecord<String, byte[]>> deadLetters = this.kafka.deadLetters(key);
		assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
		assertThat(header(deadLetters.get(0), KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo(UnreadableChunkException.class.getName());
		assertThat(header(deadLetters.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
		assertThat(deadLetters.get(1).value()).isEqualTo(unknownJob);
		assertThat(header(deadLetters.get(1), KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo("io.sluice.worker.write.UnknownJobException");
		assertThat(header(deadLetters.get(1), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("does not exist");
	}

	@Test
	void recordsAPhotoTheDatabaseRejectsWithoutDeadLetteringItsChunk() {
		List<ChunkPhoto> photos = new ArrayList<>();
		for (int i = 0; i < 700; i++) {
			String caption = (i == 600) ? "bad \u0000 caption" : "Photo " + i;
			photos.add(new ChunkPhoto("https://img.example/nul/" + i + ".jpg", caption));
		}
		TestJob job = queued(aJob().withPhotos(photos).inChunksOf(500).build());
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 2, 699, 0, 1, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(699);
		LedgerRow chunk = this.database.ledger(job.id()).get(1);
		assertThat(chunk).isEqualTo(new LedgerRow(1, "WRITTEN", 200, 199, 0, 1, null));
		assertThat(this.database.failedPhotos(job.id())).singleElement().satisfies((failed) -> {
			assertThat(failed.photoIndex()).isEqualTo(600);
			assertThat(failed.caption()).isEqualTo("bad \\u0000 caption");
			assertThat(failed.sqlState()).isEqualTo("22021");
			assertThat(failed.reason()).contains("22021");
		});
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.deadLetters(job.chunk(1).key())).isEmpty());
	}

	private static byte[] garbage() {
		byte[] random = new byte[64];
		ThreadLocalRandom.current().nextBytes(random);
		byte[] prefix = "\u0001not a chunk".getBytes(StandardCharsets.UTF_8);
		byte[] value = new byte[prefix.length + random.length];
		System.arraycopy(prefix, 0, value, 0, prefix.length);
		System.arraycopy(random, 0, value, prefix.length, random.length);
		return value;
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
