package io.sluice.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice token --sub alice}: mints a development token signed with
 * {@code SLUICE_AUTH_JWT_SECRET} (from the environment or the environment file, never
 * from an option, so that it stays out of shell history) and prints it.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
		description = { "Mint a development token for the local stack.",
				"Signed with SLUICE_AUTH_JWT_SECRET, from the environment or the environment file",
				"(./sluice-local writes it to .sluice/local.env).", "Use it as --token or SLUICE_TOKEN.",
				"Not for production, where tokens come from the identity provider." })
final class TokenCommand implements Callable<Integer> {

	@ParentCommand
	SluiceCli cli;

	@Spec
	CommandSpec spec;

	@Option(names = "--sub", required = true, paramLabel = "OWNER",
			description = "The subject: the owner of the jobs the token submits.")
	String subject;

	@Option(names = "--scope", paramLabel = "SCOPE", split = " ",
			description = "Its scopes (repeat, or separate with spaces; default: sluice:read sluice:write; operators: sluice:admin).")
	List<String> scopes;

	@Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h", converter = Durations.class,
			description = "How long it is valid, at most 24h (default: ${DEFAULT-VALUE}).")
	Duration ttl;

	@Option(names = "--issuer", paramLabel = "ISS", defaultValue = DevToken.ISSUER,
			description = "Its issuer (default: ${DEFAULT-VALUE}, as ./sluice-local's API expects).")
	String issuer;

	@Option(names = "--audience", paramLabel = "AUD", defaultValue = DevToken.AUDIENCE,
			description = "Its audience (default: ${DEFAULT-VALUE}).")
	String audience;

	@Override
	public Integer call() {
		if (this.subject.isBlank()) {
			throw new UsageException("--sub must not be blank");
		}
		if (this.ttl.isNegative() || this.ttl.isZero() || this.ttl.compareTo(DevToken.MAX_TTL) > 0) {
			throw new UsageException("--ttl must be positive and at most 24h, the longest the API accepts");
		}
		String secret = this.cli.settings()
			.secret()
			.orElseThrow(() -> new UsageException("No secret to sign with: set " + ClientSettings.SECRET_VARIABLE
					+ " (the API's), or run ./sluice-local, which writes it to .sluice/local.env"));
		String scope = (this.scopes == null || this.scopes.isEmpty()) ? DevToken.SCOPES
				: String.join(" ", this.scopes.stream().filter((s) -> !s.isBlank()).toList());
		String token = new DevToken(this.subject, scope, this.ttl, this.issuer, this.audience).sign(secret,
				Instant.now());
		this.spec.commandLine().getOut().println(token);
		this.spec.commandLine().getOut().flush();
		return ExitCodes.OK;
	}

}
