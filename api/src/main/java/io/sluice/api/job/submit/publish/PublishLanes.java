package io.sluice.api.job.submit.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;
import io.sluice.api.job.submit.publish.PublishQueue.Lane;
import io.sluice.common.chunk.ChunkTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes recorded jobs on a fixed number of lanes ({@code sluice.api.publish.lanes}),
 * each a thread that takes every job waiting when it is free, publishes all of them in
 * one Kafka transaction ({@link ChunkPublisher}), marks them {@code QUEUED} in one
 * statement and hands each request its job (ADR 0037).
 *
 * <p>
 * Concurrent submits therefore share transactions and the {@code QUEUED} update instead
 * of queueing for producers and pooled connections one by one, and the API never has more
 * transactional producers than lanes. Each lane starts its producer
 * ({@code initTransactions}) once the application is ready, before any job reaches it, so
 * that no job pays for it inside its publish budget; a lane whose producer is not ready
 * only logs it, and its first batch tries again.
 *
 * <p>
 * Besides those lanes, one more takes only small jobs (those of the chunk topics' express
 * lane, ADR 0023), so that a small job is never queued behind a large job's transaction
 * ({@link PublishQueue} decides which jobs each lane publishes together). A transaction
 * holds at most {@value PublishQueue#MAX_BATCH_CHUNKS} chunks, unless one job has more:
 * jobs are never split, all of a job's chunks are in a transaction or none.
 */
@Component
class PublishLanes implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PublishLanes.class);

	private final PublishQueue queue = new PublishQueue();

	private final ChunkPublisher publisher;

	private final JobRepository jobs;

	private final KafkaTemplate<String, byte[]> kafka;

	private final List<Thread> lanes = new ArrayList<>();

	private final int laneCount;

	private final ExpressLaneProperties expressLane;

	PublishLanes(ChunkPublisher publisher, JobRepository jobs, KafkaTemplate<String, byte[]> kafka,
			PublishProperties properties, ExpressLaneProperties expressLane) {
		this.publisher = publisher;
		this.expressLane = expressLane;
		this.jobs = jobs;
		this.kafka = kafka;
		this.laneCount = properties.lanes();
	}

	/**
	 * Queues a job for the next free lane.
	 * @param publication the job and its chunks
	 */
	void offer(Publication publication) {
		this.queue.offer(publication,
				this.expressLane.topicFor(publication.chunks().size()).equals(ChunkTopics.EXPRESS_CHUNKS));
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		for (int lane = 1; lane <= this.laneCount; lane++) {
			startLane(Lane.ANY, "sluice-publish-" + lane);
		}
		startLane(Lane.EXPRESS, "sluice-publish-express");
	}

	private void startLane(Lane lane, String name) {
		Thread thread = new Thread(() -> run(lane), name);
		thread.setDaemon(true);
		thread.start();
		this.lanes.add(thread);
	}

	@Override
	public synchronized void destroy() {
		this.lanes.forEach(Thread::interrupt);
		this.queue.drain()
			.forEach((left) -> left.outcome()
				.completeExceptionally(new ChunkPublishException("The API is shutting down", null)));
	}

	private void run(Lane lane) {
		startProducer();
		try {
			while (!Thread.currentThread().isInterrupted()) {
				publish(this.queue.take(lane));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void startProducer() {
		try {
			this.kafka.executeInTransaction((operations) -> null);
			log.info("Kafka transactional producer of {} ready", Thread.currentThread().getName());
		}
		catch (RuntimeException ex) {
			log.warn("Kafka transactional producer of {} not ready yet ({}); its first jobs will try again",
					Thread.currentThread().getName(), ex.getMessage());
		}
	}

	private void publish(List<Publication> batch) {
		List<Publication> sent;
		try {
			sent = this.publisher.publish(batch);
		}
		catch (ChunkPublishException ex) {
			batch.forEach((job) -> job.outcome().completeExceptionally(ex));
			return;
		}
		catch (RuntimeException ex) {
			ChunkPublishException failure = new ChunkPublishException("Publishing failed: " + ex, ex);
			batch.forEach((job) -> job.outcome().completeExceptionally(failure));
			return;
		}
		if (sent.isEmpty()) {
			return;
		}
		Map<UUID, Job> queued = queued(sent);
		for (Publication job : sent) {
			job.outcome().complete(queued.getOrDefault(job.pending().id(), job.pending()));
		}
	}

	/**
	 * Marks the published jobs {@code QUEUED}. Never fails: the chunks are committed and
	 * workers move a job on from {@code PENDING} whether or not this update lands.
	 */
	private Map<UUID, Job> queued(List<Publication> sent) {
		List<UUID> ids = sent.stream().map((job) -> job.pending().id()).toList();
		try {
			return this.jobs.markQueued(ids).stream().collect(Collectors.toMap(Job::id, Function.identity()));
		}
		catch (DataAccessException ex) {
			// Answering an error now would only make the clients submit the jobs twice.
			log.warn("Jobs {} published but not marked QUEUED: {}", ids, ex.getMessage());
			return Map.of();
		}
	}

}
