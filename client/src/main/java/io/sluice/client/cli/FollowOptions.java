package io.sluice.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;

import io.sluice.client.model.JobView;
import picocli.CommandLine.Option;

/**
 * How a command waits for jobs: {@code --progress} and {@code --poll}. Follows each job
 * in turn, with one progress display summed over all of them.
 */
final class FollowOptions {

	@Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
			description = "auto (a bar on a terminal, plain lines otherwise), bar, lines or none; on standard error (default: ${DEFAULT-VALUE}).")
	Progress.Mode progress;

	@Option(names = "--poll", description = "Poll the job rather than follow its event stream.")
	boolean poll;

	/**
	 * Waits for jobs to end, one after the other.
	 * @param cli the command line
	 * @param api the API
	 * @param err standard error
	 * @param jobs the jobs as last seen
	 * @return their final views, in the same order
	 */
	List<JobView> follow(SluiceCli cli, Api api, PrintWriter err, List<JobView> jobs) {
		Retries retries = cli.retries(api, err);
		JobFollower follower = new JobFollower(api, retries, new JobEvents(api, JobFollower.STREAM_IDLE_TIMEOUT), err,
				!this.poll);
		Progress progress = new Progress(err, this.progress, cli.environment().stderrIsTerminal(), jobs);
		try {
			return jobs.stream().map(JobView::getId).map((UUID id) -> follower.follow(id, progress::update)).toList();
		}
		finally {
			progress.finish();
		}
	}

}
