package io.sluice.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.sluice.faults.FaultClient.JobView;
import io.sluice.faults.Workload.Job;
import io.sluice.embedded.ConnectionSampler;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a fault case runs, shared by the suites on a {@link FaultStack}: a workload of jobs
 * submitted on a thread of its own, a fault injected while they run at a moment drawn
 * from the case's seed, then the {@link Verdict} and its one printed line
 * {@code case: PASS|FAIL lost=0 duplicated=0 jobs=N seconds=S seed=X}. A case's seed is
 * the suite's seed plus the hash of the case's name, so {@code -Dsluice.faults.seed=N}
 * replays every case of a run.
 */
final class FaultCases {

	private final FaultStack stack;

	private final long seed;

	/** Every job judged so far, with the case that ran it. */
	private final List<Job> judged = new ArrayList<>();

	private volatile Workload workload;

	FaultCases(FaultStack stack, long seed) {
		this.stack = stack;
		this.seed = seed;
	}

	/** The seed of one case. */
	long seedOf(String name) {
		return this.seed + name.hashCode();
	}

	/** A case's name: its test method's. */
	static String nameOf(TestInfo test) {
		return test.getTestMethod().orElseThrow().getName();
	}

	/** Every job judged so far, by every case. */
	List<Job> judged() {
		return List.copyOf(this.judged);
	}

	/**
	 * The workload of the case running now, for a fault that watches its jobs.
	 */
	Workload workload() {
		return this.workload;
	}

	/**
	 * {@link #run(String, Plan, Duration, int, Fault)} with {@code jobs} jobs of
	 * {@code photos} photos each.
	 */
	void run(TestInfo test, int jobs, int photos, Duration gap, int extraWorkers, Fault fault) {
		run(test, jobs, photos, gap, extraWorkers, false, fault);
	}

	/**
	 * {@link #run(String, Plan, Duration, int, Fault)} with {@code jobs} jobs of
	 * {@code photos} photos each, and one poison photo in each job if {@code poisoned}.
	 */
	void run(TestInfo test, int jobs, int photos, Duration gap, int extraWorkers, boolean poisoned, Fault fault) {
		run(nameOf(test), (random) -> Workload.plan(random, jobs, photos, poisoned), gap, extraWorkers, fault);
	}

	/**
	 * Starts the workload, waits a random 200-800 ms, checks that work is under way, then
	 * injects the fault and judges the outcome. What the fault throws (a check of its own
	 * that failed, say) is one of the verdict's problems, after the jobs are judged.
	 * @param name the case
	 * @param plan the jobs to submit
	 * @param gap pause before each submission
	 * @param extraWorkers workers the fault may add beyond the fleet it starts with, for
	 * the connection cap
	 * @param fault the fault
	 */
	void run(String name, Plan plan, Duration gap, int extraWorkers, Fault fault) {
		long caseSeed = seedOf(name);
		Random random = new Random(caseSeed);
		long started = System.nanoTime();
		int cap = this.stack.stack().settings().apiPoolSize() + (this.stack.liveWorkers().size() + extraWorkers)
				* (this.stack.stack().settings().workerConcurrency() + 1);
		try (ConnectionSampler connections = ConnectionSampler.startAcrossOutages(this.stack.infrastructure(),
				"sluice-%")) {
			Workload workload = new Workload(this.stack.client()).start(plan.jobs(random), gap);
			this.workload = workload;
			pauseFor(Duration.ofMillis(200 + random.nextInt(600)));
			List<String> seen = new ArrayList<>();
			if (workload.allAccepted() && views(workload.acceptedSoFar()).stream().allMatch(JobView::terminal)) {
				seen.add("no work under way when the fault struck");
			}
			try {
				fault.inject(random);
			}
			catch (RuntimeException | AssertionError ex) {
				seen.add("the fault's own check failed: " + oneLine(ex));
			}
			List<Job> jobs;
			try {
				jobs = workload.awaitAccepted();
			}
			catch (CompletionException ex) {
				// The API's log is gone with the next run: print what it said.
				System.out
					.println("The API refused a job; its unexpected failures:\n" + this.stack.apiUnexpectedFailures());
				seen.add("the API refused a job: " + oneLine(ex.getCause()));
				jobs = workload.acceptedSoFar();
			}
			judge(name, caseSeed, jobs, connections, cap, started, seen);
		}
	}

	/**
	 * Judges jobs once they end, prints the case's line and fails the case unless it
	 * passed.
	 * @param seenDuringTheFault problems the case found while its fault was in place
	 */
	void judge(String name, long caseSeed, List<Job> jobs, ConnectionSampler connections, int cap, long started,
			List<String> seenDuringTheFault) {
		this.judged.addAll(jobs);
		Verdict verdict = Verdict.of(name, caseSeed, this.stack, jobs, connections.peak(), cap, started,
				seenDuringTheFault);
		System.out.println(verdict.line());
		assertThat(verdict.passed()).as(verdict.line()).isTrue();
	}

	/** A failure on the case's one line: its message's lines and spaces run together. */
	private static String oneLine(Throwable failure) {
		return failure.toString().replaceAll("\\s+", " ");
	}

	/** The jobs as the API shows them now. */
	List<JobView> views(List<Job> jobs) {
		return jobs.stream().map((job) -> this.stack.client().read(job.id()).orElseThrow()).toList();
	}

	static <T> T pick(Random random, List<T> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

	/**
	 * Puts a fault in place, keeps it for {@code duration}, then ends it, come what may.
	 */
	static void holdFor(Duration duration, Runnable begin, Runnable end) {
		begin.run();
		try {
			pauseFor(duration);
		}
		finally {
			end.run();
		}
	}

	/** Lets time pass while a fault is in place (not a wait for a condition). */
	static void pauseFor(Duration duration) {
		CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS)).join();
	}

	/** A fault, injected while the workload runs. */
	@FunctionalInterface
	interface Fault {

		void inject(Random random);

	}

	/**
	 * The jobs of a case, planned from its seed before any is submitted; a plan may also
	 * put in place what its jobs need the database to do to them.
	 */
	@FunctionalInterface
	interface Plan {

		List<Job> jobs(Random random);

	}

}
