package io.sluice.worker.intake;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the {@link SessionBounds} on every connection of the worker's pool, once Spring
 * Boot has bound {@code spring.datasource.hikari.*} and before the pool opens its first
 * connection: the server-side timeouts as the session's {@code options} (after any
 * options configured by hand, so these win), and pgjdbc's {@code tcpKeepAlive}.
 */
class SessionBoundsApplier implements BeanPostProcessor {

	private final ObjectProvider<SessionBounds> bounds;

	SessionBoundsApplier(ObjectProvider<SessionBounds> bounds) {
		this.bounds = bounds;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool) {
			SessionBounds bounds = this.bounds.getObject();
			Object configured = pool.getDataSourceProperties().get("options");
			pool.addDataSourceProperty("options",
					(configured != null) ? configured + " " + bounds.options() : bounds.options());
			pool.addDataSourceProperty("tcpKeepAlive", String.valueOf(bounds.tcpKeepAlive()));
		}
		return bean;
	}

}
