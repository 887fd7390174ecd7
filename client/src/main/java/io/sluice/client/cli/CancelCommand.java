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
 * {@code sluice cancel ID}: cancels a job that has not ended and prints its final view; a
 * job that has ended is the API's {@code 409}, printed, and exit code 4.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true,
		description = { "Cancel a job that has not ended: no photo of it lands afterwards.",
				"A job that has ended cannot be cancelled (exit code 4)." })
final class CancelCommand implements Callable<Integer> {

	@ParentCommand
	SluiceCli cli;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "ID", description = "The job's id.")
	UUID id;

	@Option(names = "--json", description = "Print the final view as JSON.")
	boolean json;

	@Override
	public Integer call() throws Exception {
		Api api = this.cli.api(this.cli.settings());
		PrintWriter err = this.spec.commandLine().getErr();
		JobView view = this.cli.retries(api, err).call("cancel job " + this.id, () -> api.jobs().cancelJob(this.id));
		StatusCommand.print(this.spec.commandLine().getOut(), api, view, this.json);
		return ExitCodes.OK;
	}

}
