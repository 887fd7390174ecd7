package io.sluice.api;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start-up how many database connections this API instance holds, as the pool
 * really is, so that an operator can add up the fleet's connections from the logs.
 */
@Component
class ConnectionFigures {

	private static final Logger log = LoggerFactory.getLogger(ConnectionFigures.class);

	private final DataSource dataSource;

	ConnectionFigures(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		if (this.dataSource instanceof HikariDataSource pool) {
			log.info(
					"Connection figures: this API instance holds a fixed pool of {} connections (sluice.api.pool-size, "
							+ "minimum idle {}); a request waits at most {} ms for one. Workers lease theirs from "
							+ "SLUICE_DB_CONNECTION_BUDGET: PostgreSQL's max_connections must cover that budget plus "
							+ "{} per API instance",
					pool.getMaximumPoolSize(), pool.getMinimumIdle(), pool.getConnectionTimeout(),
					pool.getMaximumPoolSize());
		}
	}

}
