package io.sluice.client.cli;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.sluice.client.model.FailedPhoto;
import io.sluice.client.model.FailureList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice failures ID}: every photo of a job the database rejected, page after
 * page, as a table or as CSV ({@code index,url,code,message}).
 */
@Command(name = "failures", mixinStandardHelpOptions = true,
		description = "List every photo of a job that could not be written, with the database's reason.")
final class FailuresCommand implements Callable<Integer> {

	static final int PAGE_SIZE = 100;

	@ParentCommand
	SluiceCli cli;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "ID", description = "The job's id.")
	UUID id;

	@Option(names = "--csv", description = "Print CSV (RFC 4180) with the header index,url,code,message.")
	boolean csv;

	@Override
	public Integer call() {
		Api api = this.cli.api(this.cli.settings());
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		Retries retries = this.cli.retries(api, err);
		out.println(this.csv ? "index,url,code,message" : "INDEX  CODE   URL  MESSAGE");
		String cursor = null;
		FailureList page;
		int listed = 0;
		do {
			String next = cursor;
			page = retries.call("list the failures of job " + this.id,
					() -> api.failures().listJobFailures(this.id, PAGE_SIZE, next));
			for (FailedPhoto photo : page.getFailures()) {
				out.println(this.csv
						? Csv.row(String.valueOf(photo.getIndex()), photo.getUrl(), photo.getCode(), photo.getMessage())
						: photo.getIndex() + "  " + photo.getCode() + "  " + photo.getUrl() + "  "
								+ photo.getMessage().strip().replaceAll("\\s+", " "));
				listed++;
			}
			cursor = page.getNext();
		}
		while (cursor != null);
		out.flush();
		err.println("sluice: job " + this.id + " is " + page.getStatus() + ": " + page.getFailed() + " photos failed, "
				+ listed + " listed");
		if (page.getFailureReason() != null) {
			err.println("  " + page.getFailureReason());
		}
		err.flush();
		return ExitCodes.OK;
	}

}
