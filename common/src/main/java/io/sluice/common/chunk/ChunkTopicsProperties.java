package io.sluice.common.chunk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chunk topics are created, by whichever process starts first. Existing topics
 * are left as they are.
 *
 * @param partitions partitions of the chunk topic, its express lane and its dead-letter
 * topic when Sluice creates them; a job's chunks are dealt round-robin over the topic's
 * actual partitions (ADR 0009), and a worker runs no more consumer threads than there are
 * partitions
 * @param replicationFactor replicas of the three chunk topics when Sluice creates them;
 * raise it with more than one broker
 */
@ConfigurationProperties("sluice.kafka")
public record ChunkTopicsProperties(@DefaultValue("12") int partitions, @DefaultValue("1") short replicationFactor) {

}
