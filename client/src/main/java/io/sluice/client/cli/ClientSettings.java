package io.sluice.client.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the API is and who the caller is. Each setting comes from the first of: its
 * option, its environment variable, the environment file ({@code --env-file}, else
 * {@code .sluice/local.env} in the current directory, else in the repository
 * {@code ./sluice} runs from); the URL defaults to {@value #DEFAULT_URL}.
 *
 * @param url the API's base URL
 * @param token the bearer token, if any source has one
 * @param secret the HS256 secret {@code sluice token} signs with, if any source has one
 * @param envFile the environment file that was read, if any
 */
record ClientSettings(URI url, Optional<String> token, Optional<String> secret, Optional<Path> envFile) {

	static final String DEFAULT_URL = "http://localhost:8080";

	static final String URL_VARIABLE = "SLUICE_API_URL";

	static final String TOKEN_VARIABLE = "SLUICE_TOKEN";

	static final String SECRET_VARIABLE = "SLUICE_AUTH_JWT_SECRET";

	/**
	 * Resolves the settings.
	 * @param urlOption {@code --url}, or {@code null}
	 * @param tokenOption {@code --token}, or {@code null}
	 * @param envFileOption {@code --env-file}, or {@code null}; it must exist when given
	 * @param environment the process's environment
	 * @return the settings
	 * @throws UsageException if the environment file cannot be read or the URL is not an
	 * http or https URL
	 */
	static ClientSettings resolve(String urlOption, String tokenOption, Path envFileOption, Environment environment) {
		Optional<EnvFile> file = envFile(envFileOption, environment);
		String url = first(urlOption, environment, file, URL_VARIABLE).orElse(DEFAULT_URL);
		return new ClientSettings(checkedUrl(url), first(tokenOption, environment, file, TOKEN_VARIABLE),
				first(null, environment, file, SECRET_VARIABLE), file.map(EnvFile::path));
	}

	/**
	 * The token, which every command but {@code token} needs.
	 * @return the token
	 * @throws UsageException naming where a token may come from
	 */
	String requiredToken() {
		return this.token.orElseThrow(() -> new UsageException("No bearer token: pass --token, set " + TOKEN_VARIABLE
				+ ", or run ./sluice-local, which writes one to .sluice/local.env"
				+ " (sluice token --sub NAME mints one from " + SECRET_VARIABLE + ")"));
	}

	private static Optional<String> first(String option, Environment environment, Optional<EnvFile> file,
			String variable) {
		if (option != null && !option.isBlank()) {
			return Optional.of(option);
		}
		return environment.variable(variable).or(() -> file.flatMap((env) -> env.value(variable)));
	}

	private static Optional<EnvFile> envFile(Path option, Environment environment) {
		if (option != null) {
			Path path = environment.workingDirectory().resolve(option);
			if (!Files.isRegularFile(path)) {
				throw new UsageException("No environment file " + path);
			}
			return Optional.of(EnvFile.read(path));
		}
		Path local = environment.workingDirectory().resolve(EnvFile.LOCAL);
		if (Files.isRegularFile(local)) {
			return Optional.of(EnvFile.read(local));
		}
		if (environment.home() != null && Files.isRegularFile(environment.home().resolve(EnvFile.LOCAL))) {
			return Optional.of(EnvFile.read(environment.home().resolve(EnvFile.LOCAL)));
		}
		return Optional.empty();
	}

	private static URI checkedUrl(String url) {
		String trimmed = url.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		try {
			URI uri = URI.create(trimmed);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// refused below
		}
		throw new UsageException("The API URL must be an http or https URL, such as " + DEFAULT_URL + ": " + url);
	}

}
