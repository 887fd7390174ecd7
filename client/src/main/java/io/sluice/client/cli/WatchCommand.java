package io.sluice.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.sluice.client.model.JobView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice watch ID}: follows a job to its end, on its event stream or, when that
 * fails, by polling; prints its final view and exits with its outcome.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
		description = { "Follow a job until it ends (server-sent events, else polling), then show it.",
				"Exits with its outcome (0, 2 or 3)." })
final class WatchCommand implements Callable<Integer> {

	@ParentCommand
	SluiceCli cli;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "ID", description = "The job's id.")
	UUID id;

	@Option(names = "--json", description = "Print the final view as JSON.")
	boolean json;

	@Mixin
	FollowOptions follow;

	@Override
	public Integer call() throws Exception {
		Api api = this.cli.api(this.cli.settings());
		PrintWriter err = this.spec.commandLine().getErr();
		JobView first = this.cli.retries(api, err).call("get job " + this.id, () -> api.jobs().getJob(this.id, null));
		JobView last = this.follow.follow(this.cli, api, err, List.of(first)).get(0);
		StatusCommand.print(this.spec.commandLine().getOut(), api, last, this.json);
		return ExitCodes.of(last.getStatus());
	}

}
