package io.sluice.api.job.submit.publish;

import io.sluice.common.chunk.ChunkTopics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which jobs take the express lane, the topic the workers consume with their own consumer
 * threads so that a small job never waits behind a large one's chunks (ADR 0023).
 *
 * @param maxChunks Jobs of at most this many chunks are published to the express lane,
 * larger ones to the main chunk topic; 0 sends every job to the main topic.
 */
@Validated
@ConfigurationProperties("sluice.api.express-lane")
record ExpressLaneProperties(@DefaultValue("1") @Min(0) @Max(100) int maxChunks) {

	/**
	 * The topic a job's chunks go to.
	 * @param chunkCount how many chunks the job was cut into
	 * @return the express lane or the main chunk topic
	 */
	String topicFor(int chunkCount) {
		return (chunkCount <= this.maxChunks) ? ChunkTopics.EXPRESS_CHUNKS : ChunkTopics.PHOTO_CHUNKS;
	}

}
