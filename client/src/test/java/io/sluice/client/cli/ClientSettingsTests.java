package io.sluice.client.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each setting from its option, else its variable, else the environment file. */
class ClientSettingsTests {

	@TempDir
	Path directory;

	private final Map<String, String> variables = new HashMap<>();

	@Test
	void takesEachSettingFromItsOptionThenTheEnvironmentThenTheFile() throws IOException {
		Files.createDirectories(this.directory.resolve(".sluice"));
		Files.writeString(this.directory.resolve(".sluice/local.env"), """
				# Written by the Sluice local launcher
				SLUICE_API_URL=http://127.0.0.1:9000
				SLUICE_TOKEN=file-token
				SLUICE_AUTH_JWT_SECRET='file secret'
				""");

		ClientSettings fromFile = settings(null, null, null);
		this.variables.put("SLUICE_TOKEN", "variable-token");
		ClientSettings fromVariable = settings(null, null, null);
		ClientSettings fromOption = settings("http://api.example:8080/", "option-token", null);

		assertThat(fromFile.url()).isEqualTo(URI.create("http://127.0.0.1:9000"));
		assertThat(fromFile.token()).contains("file-token");
		assertThat(fromFile.secret()).contains("file secret");
		assertThat(fromFile.envFile()).contains(this.directory.resolve(".sluice/local.env"));
		assertThat(fromVariable.token()).contains("variable-token");
		assertThat(fromVariable.url()).isEqualTo(URI.create("http://127.0.0.1:9000"));
		assertThat(fromOption.url()).isEqualTo(URI.create("http://api.example:8080"));
		assertThat(fromOption.token()).contains("option-token");
	}

	@Test
	void defaultsToLocalhostWithoutAToken() {
		ClientSettings settings = settings(null, null, null);

		assertThat(settings.url()).isEqualTo(URI.create("http://localhost:8080"));
		assertThat(settings.token()).isEmpty();
		assertThatThrownBy(settings::requiredToken)
			.hasMessageStartingWith("No bearer token: pass --token, set SLUICE_TOKEN");
	}

	@Test
	void readsTheEnvFileNamedAndRefusesAMissingOne() throws IOException {
		Files.writeString(this.directory.resolve("other.env"), "export SLUICE_TOKEN=\"other\"\n");

		assertThat(settings(null, null, Path.of("other.env")).token()).contains("other");
		assertThatThrownBy(() -> settings(null, null, Path.of("missing.env")))
			.hasMessage("No environment file " + this.directory.resolve("missing.env"));
		assertThatThrownBy(() -> settings("localhost:8080", null, null))
			.hasMessageStartingWith("The API URL must be an http or https URL");
	}

	private ClientSettings settings(String url, String token, Path envFile) {
		return ClientSettings.resolve(url, token, envFile, new Environment(this.variables, this.directory, null,
				new ByteArrayInputStream(new byte[0]), (duration) -> {
				}, false));
	}

}
