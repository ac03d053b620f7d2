package io.fidelis.app.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What every database connection gets: the query timeout. */
@Configuration(proxyBeanMethods = false)
class DatabaseSettings {
    @Bean
    static QueryTimeout queryTimeout(Environment environment) {
        return QueryTimeout.from(environment);
    }
}
