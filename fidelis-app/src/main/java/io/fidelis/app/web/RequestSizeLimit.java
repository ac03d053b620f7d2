package io.fidelis.app.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A limit on request bodies other than file uploads ({@code fidelis.limits.max-body}, 1 MB), so that one caller
 * cannot make the server read an endless JSON document or form: a larger declared body is answered 413 with a
 * problem body before anything is read; a body sent without its length stops being read at the limit. Uploads
 * (multipart) have their own limits: {@code spring.servlet.multipart.*} and the attachment limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestSizeLimit extends OncePerRequestFilter {
    private final long maxBody;

    RequestSizeLimit(@Value("${fidelis.limits.max-body:1MB}") DataSize maxBody) {
        this.maxBody = maxBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBody) {
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Connection", "close");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                    + "\"detail\":\"the request body is " + declared + " bytes; at most " + maxBody + " are accepted"
                    + " (files go through the upload forms)\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        // Only a body sent in chunks comes without its length (HTTP/1.1); a request with neither has no body,
        // and is passed on unwrapped: each wrapper is one more step for every call on the request after it.
        boolean unbounded = declared < 0 && (request.getHeader("Transfer-Encoding") != null
                || !request.getProtocol().startsWith("HTTP/1"));
        chain.doFilter(unbounded ? new Limited(request, maxBody) : request, response);
    }

    /** A body without a declared length, read up to the limit. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    private void count(long n) throws IOException {
                        read += n;
                        if (read > max) {
                            throw new IOException("the request body is larger than " + max + " bytes");
                        }
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
