package io.fidelis.app.web;

import io.fidelis.app.support.Databases;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick check of {@link HandlerLookup} against Spring MVC's own lookup, on every mapping of the application:
 * for each of its paths, filled in, and variations of it (a trailing slash, one more segment, upper case, a
 * percent-encoded letter, a path no mapping has), with each HTTP method and with and without JSON, the handler
 * found, or the failure (405, 406, 415 ...), is the same with the quick check as without it. The application's
 * own mapping bean is used, so the comparison covers the mappings a user's requests meet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class HandlerLookupIT {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theApplicationUsesTheQuickCheck() {
        assertThat(mapping).isInstanceOf(HandlerLookup.Mapping.class);
        assertThat(mapping.getHandlerMethods()).hasSizeGreaterThan(100);
    }

    @Test
    void everyMappingIsFoundAsSpringFindsIt() throws Exception {
        HandlerLookup.Mapping ours = (HandlerLookup.Mapping) mapping;
        Set<String> paths = new LinkedHashSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                String path = filled(pattern);
                paths.add(path);
                paths.add(path + "/");
                paths.add(path + "/more");
                paths.add(path.toUpperCase(java.util.Locale.ROOT));
                paths.add(path.replaceFirst("e", "%65"));
            }
        }
        paths.add("/no/such/place/12");
        int compared = 0;
        int found = 0;
        List<String> differences = new ArrayList<>();
        try {
            for (String path : paths) {
                for (String method : METHODS) {
                    for (boolean json : new boolean[]{false, true}) {
                        ours.quickCheck = true;
                        String quick = outcome(method, path, json);
                        ours.quickCheck = false;
                        String spring = outcome(method, path, json);
                        compared++;
                        if (spring.startsWith("handler ")) {
                            found++;
                        }
                        if (!quick.equals(spring)) {
                            differences.add(method + " " + path + (json ? " (JSON)" : "") + ": quick check " + quick
                                    + ", Spring " + spring);
                        }
                    }
                }
            }
        } finally {
            ours.quickCheck = true;
        }
        assertThat(differences).as("lookups that differ, of %d", compared).isEmpty();
        // The comparison found handlers for most mappings, not only failures.
        assertThat(found).isGreaterThan(mapping.getHandlerMethods().size());
    }

    @Test
    void mappingsThatCannotMatchAreNotCheckedInFull() throws Exception {
        HandlerLookup.Mapping ours = (HandlerLookup.Mapping) mapping;
        // Spring's full check of a mapping declared for some methods asks the request for its method once.
        AtomicInteger asked = new AtomicInteger();
        String path = "/api/v1/customers/12/purchases";
        ours.quickCheck = false;
        int withoutQuickCheck;
        try {
            assertThat(outcome("POST", path, true, asked)).startsWith("handler ");
            withoutQuickCheck = asked.getAndSet(0);
        } finally {
            ours.quickCheck = true;
        }
        assertThat(outcome("POST", path, true, asked)).startsWith("handler ");
        int withQuickCheck = asked.get();
        assertThat(withoutQuickCheck).isGreaterThan(100);
        assertThat(withQuickCheck).isLessThan(withoutQuickCheck / 10);
    }

    private String outcome(String method, String path, boolean json) {
        return outcome(method, path, json, new AtomicInteger());
    }

    private String outcome(String method, String path, boolean json, AtomicInteger askedForMethod) {
        MockHttpServletRequest raw = new MockHttpServletRequest(method, path);
        if (json) {
            raw.addHeader("Accept", "application/json");
            raw.addHeader("Content-Type", "application/json");
        } else {
            raw.addHeader("Accept", "text/html");
        }
        HttpServletRequestWrapper request = new HttpServletRequestWrapper(raw) {
            @Override
            public String getMethod() {
                askedForMethod.incrementAndGet();
                return super.getMethod();
            }
        };
        try {
            ServletRequestPathUtils.parseAndCache(request);
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            Object handler = chain.getHandler();
            return "handler " + (handler instanceof HandlerMethod m ? m.getMethod().toGenericString()
                    : handler.getClass().getName());
        } catch (Exception e) {
            return "failure " + e.getClass().getName();
        }
    }

    /** A pattern's variables filled with a value most of them accept ({@code 12}), its wildcards with segments. */
    static String filled(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "a/b")
                .replaceAll("\\{[^}:]+(:[^}]*)?}", "12")
                .replace("/**", "/a/b")
                .replace("*", "x")
                .replace("?", "x");
    }
}
