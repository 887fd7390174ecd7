package io.sluice.api.job;

import java.time.Instant;
import java.util.UUID;

import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTests {

	private static final Instant UPDATED = Instant.parse("2026-11-27T20:54:01.357955Z");

	private final Job job = new Job(UUID.randomUUID(), "alice", 1, JobStatus.RUNNING, 10, 1, 5, 0, 0, 0, UPDATED,
			UPDATED, null, null, UPDATED);

	@Test
	void tagsAViewWeaklyWithItsVersion() {
		assertThat(EntityTags.of(this.job)).isEqualTo("W/\"1795812841357955\"");
	}

	@Test
	void matchesWeakStrongAnyAndListedTagsOfTheCurrentVersion() {
		assertThat(EntityTags.matches("W/\"1795812841357955\"", this.job)).isTrue();
		assertThat(EntityTags.matches("\"1795812841357955\"", this.job)).isTrue();
		assertThat(EntityTags.matches(" * ", this.job)).isTrue();
		assertThat(EntityTags.matches("\"x\",W/\"1\", \t\"1795812841357955\"", this.job)).isTrue();
	}

	@Test
	void matchesNothingElse() {
		assertThat(EntityTags.matches(null, this.job)).isFalse();
		assertThat(EntityTags.matches("", this.job)).isFalse();
		assertThat(EntityTags.matches("W/\"1795812841357954\"", this.job)).isFalse();
		assertThat(EntityTags.matches("\"17958128413579550\"", this.job)).as("a longer tag").isFalse();
		assertThat(EntityTags.matches("1795812841357955", this.job)).as("unquoted").isFalse();
		assertThat(EntityTags.matches("\"1795812841357955", this.job)).as("unterminated").isFalse();
		assertThat(EntityTags.matches("w/\"1795812841357955\"", this.job)).as("W/ is case-sensitive").isFalse();
		assertThat(EntityTags.matches("*, \"1\"", this.job)).as("* only on its own").isFalse();
	}

}
