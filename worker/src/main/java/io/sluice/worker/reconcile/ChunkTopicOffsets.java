package io.sluice.worker.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sluice.common.chunk.ChunkTopics;
import io.sluice.worker.reconcile.TopicGapReader.Gap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Asks Kafka how far the workers' consumer group has read the chunk topics (the main one
 * and the express lane, ADR 0023), so that a stalled job is failed only once every record
 * that was on them when its watch began has been consumed (ADR 0018). It keeps one admin
 * client and one {@link TopicGapReader} for the worker's life; the questions of one tick
 * belong to a {@link Session}, whose budget bounds them all.
 */
class ChunkTopicOffsets implements AutoCloseable {

	private static final List<String> TOPICS = ChunkTopics.CHUNK_TOPICS;

	/** How the chunk topics are named in questions and log lines. */
	static final String TOPICS_NAMED = String.join(" and ", TOPICS);

	private final Admin admin;

	private final TopicGapReader gaps;

	private final String group;

	ChunkTopicOffsets(Admin admin, TopicGapReader gaps, String group) {
		this.admin = admin;
		this.gaps = gaps;
		this.group = group;
	}

	/**
	 * Creates the clients. Neither connects before its first question, so a broker that
	 * is down at start-up delays nothing.
	 * @param adminConfig the application's admin client settings (servers, security)
	 * @param consumerConfig the application's consumer settings
	 * @param group the workers' consumer group
	 * @param timeout the longest one request may take
	 * @return the open clients
	 */
	static ChunkTopicOffsets connect(Map<String, Object> adminConfig, Map<String, Object> consumerConfig, String group,
			Duration timeout) {
		Map<String, Object> config = new HashMap<>(adminConfig);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-reconciler-admin");
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		return new ChunkTopicOffsets(Admin.create(config), TopicGapReader.create(consumerConfig, timeout), group);
	}

	/**
	 * Starts one tick's questions.
	 * @param budget how long all of them may take together
	 */
	Session session(Duration budget) {
		return new Session(budget);
	}

	@Override
	public void close() {
		try {
			this.admin.close(Duration.ofSeconds(2));
		}
		finally {
			this.gaps.close();
		}
	}

	/**
	 * The questions of one tick, bounded together by one deadline. The group's committed
	 * offsets are read once and settled gaps remembered, so asking about many jobs costs
	 * little more than asking about one; after a first failure every later question fails
	 * at once rather than waiting again.
	 */
	final class Session {

		private final Duration budget;

		private final long deadline;

		private final Map<Gap, Boolean> holdsRecords = new HashMap<>();

		private Map<TopicPartition, OffsetAndMetadata> committed;

		private KafkaUnavailableException failure;

		private Session(Duration budget) {
			this.budget = budget;
			this.deadline = System.nanoTime() + budget.toNanos();
		}

		/** The topics' end offsets now, as read_committed consumers see them. */
		TopicEnds endOffsets() {
			return ask("with the end offsets of " + TOPICS_NAMED, () -> {
				Map<String, TopicDescription> topics = admin
					.describeTopics(TOPICS, new DescribeTopicsOptions().timeoutMs(remainingMs()))
					.allTopicNames()
					.get(remainingMs(), TimeUnit.MILLISECONDS);
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				topics.values()
					.forEach((topic) -> topic.partitions()
						.forEach((partition) -> latest.put(new TopicPartition(topic.name(), partition.partition()),
								OffsetSpec.latest())));
				Map<TopicPartition, ListOffsetsResultInfo> ends = admin
					.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(remainingMs()))
					.all()
					.get(remainingMs(), TimeUnit.MILLISECONDS);
				Map<TopicPartition, Long> offsets = new HashMap<>();
				ends.forEach((partition, end) -> offsets.put(partition, end.offset()));
				return new TopicEnds(offsets);
			});
		}

		/**
		 * What the workers' group has not yet consumed of the records below the given end
		 * offsets. A partition whose committed offset is below its end counts as consumed
		 * if only transaction markers or aborted records lie in between.
		 */
		Backlog backlog(TopicEnds ends) {
			return ask("with the offsets " + group + " has consumed of " + TOPICS_NAMED, () -> {
				if (this.committed == null) {
					this.committed = admin
						.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(remainingMs()))
						.partitionsToOffsetAndMetadata()
						.get(remainingMs(), TimeUnit.MILLISECONDS);
				}
				List<Gap> open = ends.offsets().entrySet().stream().map((end) -> {
					TopicPartition partition = end.getKey();
					OffsetAndMetadata consumed = this.committed.get(partition);
					// No committed offset: the workers would start at the beginning.
					return new Gap(partition, (consumed != null) ? consumed.offset() : 0, end.getValue());
				}).filter((gap) -> gap.from() < gap.end()).toList();
				this.holdsRecords.putAll(gaps.holdRecords(
						open.stream().filter((gap) -> !this.holdsRecords.containsKey(gap)).toList(), this.deadline));
				Map<TopicPartition, Long> behind = new HashMap<>();
				open.stream()
					.filter(this.holdsRecords::get)
					.forEach((gap) -> behind.put(gap.partition(), gap.end() - gap.from()));
				return new Backlog(behind);
			});
		}

		private <T> T ask(String question, Question<T> call) {
			if (this.failure != null) {
				throw this.failure;
			}
			try {
				if (remainingMs() <= 0) {
					throw new TimeoutException();
				}
				return call.ask();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.failure = new KafkaUnavailableException(question, ex.toString(), ex);
			}
			catch (ExecutionException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				this.failure = new KafkaUnavailableException(question, cause.toString(), cause);
			}
			catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException ex) {
				this.failure = new KafkaUnavailableException(question,
						"no answer within " + Reconciler.describe(this.budget), ex);
			}
			catch (RuntimeException ex) {
				// A client error, an unexpected reply: no answer either.
				this.failure = new KafkaUnavailableException(question, ex.toString(), ex);
			}
			throw this.failure;
		}

		private int remainingMs() {
			return (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime()));
		}

	}

	@FunctionalInterface
	private interface Question<T> {

		T ask() throws InterruptedException, ExecutionException, TimeoutException;

	}

}
