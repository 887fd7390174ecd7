package io.sluice.client.cli;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.sluice.client.model.JobView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice status ID}: a job's view, once. Exits with the job's outcome once it has
 * ended, {@code 0} while it runs.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = { "Show a job's status and photo figures.",
		"Exits 0 while it runs, else with its outcome (0, 2 or 3)." })
final class StatusCommand implements Callable<Integer> {

	@ParentCommand
	SluiceCli cli;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "ID", description = "The job's id.")
	UUID id;

	@Option(names = "--json", description = "Print the view as the API answers it, as JSON.")
	boolean json;

	@Override
	public Integer call() throws Exception {
		Api api = this.cli.api(this.cli.settings());
		PrintWriter err = this.spec.commandLine().getErr();
		JobView view = this.cli.retries(api, err).call("get job " + this.id, () -> api.jobs().getJob(this.id, null));
		print(this.spec.commandLine().getOut(), api, view, this.json);
		return ExitCodes.of(view.getStatus());
	}

	static void print(PrintWriter out, Api api, JobView view, boolean json) throws Exception {
		if (json) {
			out.println(api.mapper().writeValueAsString(view));
		}
		else {
			Views.lines(view).forEach(out::println);
		}
		out.flush();
	}

}
