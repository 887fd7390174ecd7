package io.sluice.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.sluice.client.model.JobList;
import io.sluice.client.model.JobStatus;
import io.sluice.client.model.JobView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice ls}: the caller's jobs, newest first, by status and album; the first
 * {@code --limit}, or {@code --all} of them, fetched page after page.
 */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List your jobs, newest first.")
final class ListCommand implements Callable<Integer> {

	@ParentCommand
	SluiceCli cli;

	@Spec
	CommandSpec spec;

	@Option(names = "--status", paramLabel = "STATUS", split = ",",
			description = "Only jobs in these statuses (repeat, or separate with commas): ${COMPLETION-CANDIDATES}.")
	List<JobStatus> statuses;

	@Option(names = "--album", paramLabel = "ID", description = "Only jobs for this album.")
	Long album;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20",
			description = "Most jobs to list (default: ${DEFAULT-VALUE}).")
	int limit;

	@Option(names = "--all", description = "List every job, however many.")
	boolean all;

	@Option(names = "--page-size", paramLabel = "N", defaultValue = "100", hidden = true,
			description = "Jobs per request, at most 100.")
	int pageSize;

	@Option(names = "--json", description = "Print one JSON view a line (NDJSON).")
	boolean json;

	@Override
	public Integer call() throws Exception {
		if (this.limit < 1 || this.pageSize < 1 || this.pageSize > 100) {
			throw new UsageException("--limit must be at least 1, --page-size from 1 to 100");
		}
		Api api = this.cli.api(this.cli.settings());
		PrintWriter out = this.spec.commandLine().getOut();
		Retries retries = this.cli.retries(api, this.spec.commandLine().getErr());
		if (!this.json) {
			out.println(Views.HEADER);
		}
		int listed = 0;
		String cursor = null;
		do {
			int page = this.all ? this.pageSize : Math.min(this.pageSize, this.limit - listed);
			String next = cursor;
			JobList jobs = retries.call("list jobs", () -> api.jobs().listJobs(this.statuses, this.album, page, next));
			for (JobView view : jobs.getJobs()) {
				out.println(this.json ? api.mapper().writeValueAsString(view) : Views.row(view));
				listed++;
			}
			cursor = jobs.getNext();
		}
		while (cursor != null && (this.all || listed < this.limit));
		out.flush();
		return ExitCodes.OK;
	}

}
