package io.fidelis.app.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a request's handler method as Spring MVC does, but passes over, before Spring's full check, the mappings
 * that cannot match it: those declared for other HTTP methods, and those whose every path begins with text the
 * request's path does not begin with.
 * <p>
 * Why: for a path with a variable in it ({@code /api/v1/customers/{id}/purchases}) Spring MVC checks every one of
 * the application's mappings in turn, each check asking the request, through all its wrappers, for its method and
 * parsed path. Under the mixed load that took about 7% of the request threads' time. The result is the same:
 * only mappings that could not match are passed over, Spring still picks the best of the others, and the answers
 * when none matches (405, 406, 415) are worked out by Spring from all mappings, as before. Requests the quick
 * check cannot judge safely go through Spring's check alone: HEAD and OPTIONS (matched to GET mappings and CORS
 * pre-flights by Spring's own rules), error dispatches, and paths with percent-encoded or {@code ;} parts.
 * {@code HandlerLookupIT} compares the two for every mapping of the application.
 */
@Component
public class HandlerLookup implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new Mapping();
    }

    /** What a mapping asks of a request, before its full conditions: its methods and its paths' fixed beginnings. */
    record Needs(Set<RequestMethod> methods, List<String> prefixes) {
        static Needs of(RequestMappingInfo info) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            List<String> prefixes = new ArrayList<>();
            if (paths != null) {
                for (String pattern : paths.getPatternValues()) {
                    int end = pattern.length();
                    for (int i = 0; i < pattern.length(); i++) {
                        char c = pattern.charAt(i);
                        if (c == '{' || c == '*' || c == '?') {
                            end = i;
                            break;
                        }
                    }
                    prefixes.add(pattern.substring(0, end));
                }
            }
            // No paths to go by (a mapping without patterns, or with the older path matcher), or a pattern that is
            // not a full path: no quick check of paths.
            boolean usable = paths != null && !prefixes.isEmpty() && prefixes.stream().allMatch(p -> p.startsWith("/"));
            return new Needs(Set.copyOf(info.getMethodsCondition().getMethods()),
                    usable ? List.copyOf(prefixes) : List.of());
        }

        /** True only when the mapping cannot match a request with this method and path. */
        boolean excludes(RequestMethod method, String path) {
            if (!methods.isEmpty() && !methods.contains(method)) {
                return true;
            }
            if (prefixes.isEmpty()) {
                return false;
            }
            for (String prefix : prefixes) {
                if (path.startsWith(prefix)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The request being looked up on this thread: its method and lookup path, read once. */
    private record Lookup(RequestMethod method, String path) {
    }

    static final class Mapping extends RequestMappingHandlerMapping {
        private static final ThreadLocal<Lookup> CURRENT = new ThreadLocal<>();
        private final Map<RequestMappingInfo, Needs> needs = new ConcurrentHashMap<>();
        /** Off only in the test that compares the quick check with Spring's own. */
        volatile boolean quickCheck = true;

        @Override
        protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
            Lookup lookup = quickCheck && getPatternParser() != null && getPatternParser().isCaseSensitive()
                    ? judgeable(lookupPath, request) : null;
            if (lookup == null) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            Lookup outer = CURRENT.get();
            CURRENT.set(lookup);
            try {
                return super.lookupHandlerMethod(lookupPath, request);
            } finally {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            Lookup lookup = CURRENT.get();
            if (lookup != null && needs.computeIfAbsent(info, Needs::of).excludes(lookup.method(), lookup.path())) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }

        private static Lookup judgeable(String lookupPath, HttpServletRequest request) {
            if (request.getDispatcherType() != DispatcherType.REQUEST || lookupPath.indexOf('%') >= 0
                    || lookupPath.indexOf(';') >= 0) {
                return null;
            }
            RequestMethod method = switch (request.getMethod()) {
                case "GET" -> RequestMethod.GET;
                case "POST" -> RequestMethod.POST;
                case "PUT" -> RequestMethod.PUT;
                case "DELETE" -> RequestMethod.DELETE;
                case "PATCH" -> RequestMethod.PATCH;
                default -> null; // HEAD, OPTIONS, TRACE and others: Spring's rules alone
            };
            return method == null ? null : new Lookup(method, lookupPath);
        }
    }
}
