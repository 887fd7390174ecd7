package io.sluice.api.job.submit.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;
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
 * A lane stops taking jobs for a transaction once it holds {@value #MAX_BATCH_CHUNKS}
 * chunks, so that one transaction stays about the size of one or two large jobs. Jobs are
 * never split: either all of a job's chunks are in a transaction or none.
 */
@Component
class PublishLanes implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PublishLanes.class);

	/** Most chunks one lane puts in one transaction, unless a single job has more. */
	static final int MAX_BATCH_CHUNKS = 200;

	private final BlockingQueue<Publication> waiting = new LinkedBlockingQueue<>();

	private final ChunkPublisher publisher;

	private final JobRepository jobs;

	private final KafkaTemplate<String, byte[]> kafka;

	private final List<Thread> lanes = new ArrayList<>();

	private final int laneCount;

	PublishLanes(ChunkPublisher publisher, JobRepository jobs, KafkaTemplate<String, byte[]> kafka,
			PublishProperties properties) {
		this.publisher = publisher;
		this.jobs = jobs;
		this.kafka = kafka;
		this.laneCount = properties.lanes();
	}

	/**
	 * Queues a job for the next free lane.
	 * @param publication the job and its chunks
	 */
	void offer(Publication publication) {
		this.waiting.add(publication);
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		for (int lane = 1; lane <= this.laneCount; lane++) {
			Thread thread = new Thread(this::run, "sluice-publish-" + lane);
			thread.setDaemon(true);
			thread.start();
			this.lanes.add(thread);
		}
	}

	@Override
	public synchronized void destroy() {
		this.lanes.forEach(Thread::interrupt);
		Publication left;
		while ((left = this.waiting.poll()) != null) {
			left.outcome().completeExceptionally(new ChunkPublishException("The API is shutting down", null));
		}
	}

	private void run() {
		startProducer();
		try {
			while (!Thread.currentThread().isInterrupted()) {
				publish(nextBatch());
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

	/** The oldest waiting job, then whatever else waits, until the batch is full. */
	private List<Publication> nextBatch() throws InterruptedException {
		List<Publication> batch = new ArrayList<>();
		Publication first = this.waiting.take();
		batch.add(first);
		int chunks = first.chunks().size();
		Publication next;
		while (chunks < MAX_BATCH_CHUNKS && (next = this.waiting.poll()) != null) {
			batch.add(next);
			chunks += next.chunks().size();
		}
		return batch;
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
