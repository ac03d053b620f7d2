package io.fidelis.app.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page. */
@Controller
class LoginController {
    @GetMapping("/login")
    String login() {
        return "login";
    }
}
