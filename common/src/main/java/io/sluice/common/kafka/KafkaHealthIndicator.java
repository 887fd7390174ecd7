package io.sluice.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Whether the Kafka cluster answers, so that readiness says an application can take or
 * consume chunks only when the broker is there. One admin client is created and kept;
 * each check is bounded to a few seconds. Registered by {@link KafkaHealthConfiguration}.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

	private final Admin admin;

	/**
	 * Creates the indicator and its admin client.
	 * @param kafkaAdmin the application's admin, whose connection settings are used
	 * @param clientId the admin client's id, to tell it apart in the broker's logs
	 */
	public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, String clientId) {
		super("Kafka health check failed");
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis());
		this.admin = Admin.create(config);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()));
		String clusterId = cluster.clusterId().get(CHECK_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
		int nodes = cluster.nodes().get(CHECK_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
		builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
