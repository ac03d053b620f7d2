package io.fidelis.app.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the first page after login: what the database holds and the latest imports. */
@Controller
class HomeController {
    private final JdbcClient jdbc;

    HomeController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ImportRow(String kind, String file, String finishedAt, String outcome, long read, long imported,
                     long updated, long rejected) {
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("customers", count("customer"));
        model.addAttribute("products", count("product"));
        model.addAttribute("orders", count("purchase"));
        model.addAttribute("lines", count("purchase_line"));
        model.addAttribute("imports", jdbc.sql("select kind, file_name, finished_at, outcome, rows_read,"
                        + " rows_imported, rows_updated, rows_rejected from import_run order by id desc limit 10")
                .query((rs, n) -> new ImportRow(rs.getString(1), rs.getString(2), String.valueOf(rs.getObject(3)),
                        rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)))
                .list());
        return "home";
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
