package io.fidelis.app.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties the business tables between tests, and snapshots them to prove that nothing changed. */
public final class TestData {
    private static final List<String> TABLES = List.of("purchase_line", "purchase", "customer", "product",
            "import_run", "audit_event", "staff_user");

    private TestData() {
    }

    /**
     * Empties the business tables. A scoring run that an earlier test's import started in the background may still
     * write profiles meanwhile: then the deletes are tried again, a few times, after a short wait.
     */
    public static void clean(JdbcClient jdbc) {
        for (int attempt = 1; ; attempt++) {
            try {
                cleanOnce(jdbc);
                return;
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                if (attempt == 10) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void cleanOnce(JdbcClient jdbc) {
        for (String t : List.of("improvement_notice", "suggestion", "improvement_item")) {
            jdbc.sql("delete from " + t).update();
        }
        for (String t : List.of("complaint_attachment", "complaint_recovery", "complaint_event", "complaint_product", "complaint",
                "survey_language", "survey_follow_up", "survey_answer", "survey_response", "survey_invitation",
                "survey_question", "survey")) {
            jdbc.sql("delete from " + t).update();
        }
        jdbc.sql("delete from webhook_delivery").update();
        jdbc.sql("delete from webhook").update();
        jdbc.sql("delete from consent_request").update();
        jdbc.sql("delete from customer_consent").update();
        jdbc.sql("delete from gift_entitlement").update();
        jdbc.sql("delete from points_entry").update();
        jdbc.sql("delete from programme_member").update();
        jdbc.sql("delete from reward").update();
        jdbc.sql("delete from task").update();
        jdbc.sql("delete from referral_code").update();
        jdbc.sql("delete from contact").update();
        jdbc.sql("delete from lost_case").update();
        jdbc.sql("delete from lost_reason where code not in ('MOVED_AWAY', 'BUSINESS_CLOSED', 'NO_LONGER_NEEDED',"
                + " 'BETTER_PRODUCT', 'PRICE', 'POOR_SERVICE', 'PRODUCT_QUALITY', 'SUPPLY', 'UNRESOLVED_COMPLAINT')")
                .update();
        jdbc.sql("update lost_reason set active = true").update();
        // The complaint categories back to the defaults of V12.
        jdbc.sql("delete from complaint_alert").update();
        String defaults = "('PRODUCT_QUALITY', 'DELIVERY', 'PRICE_BILLING', 'SERVICE_ATTITUDE', 'OTHER')";
        jdbc.sql("delete from complaint_category where parent is not null and code not in " + defaults).update();
        jdbc.sql("delete from complaint_category where code not in " + defaults).update();
        jdbc.sql("update complaint_category set active = true, parent = null").update();
        jdbc.sql("delete from loyalty_stage_change").update();
        jdbc.sql("delete from loyalty_profile").update();
        jdbc.sql("delete from loyalty_model").update();
        jdbc.sql("delete from subscription_churn_score").update();
        jdbc.sql("delete from subscription_churn_model").update();
        jdbc.sql("delete from subscription").update();
        jdbc.sql("delete from delivery_shortfall").update();
        jdbc.sql("delete from delivery").update();
        jdbc.sql("delete from purchase_line").update();
        jdbc.sql("delete from purchase").update();
        jdbc.sql("update customer set referred_by_id = null").update();
        jdbc.sql("delete from customer").update();
        jdbc.sql("delete from product").update();
        jdbc.sql("delete from import_run").update();
        jdbc.sql("delete from audit_event").update();
        jdbc.sql("delete from api_token").update();
        jdbc.sql("delete from staff_user where username <> 'admin'").update();
    }

    /** Every row of every business table, as text, in key order: equal snapshots mean equal contents. */
    public static Map<String, List<String>> snapshot(JdbcClient jdbc) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String table : TABLES) {
            all.put(table, jdbc.sql("select * from " + table).query((rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(';');
                }
                return row.toString();
            }).list().stream().sorted().toList());
        }
        return all;
    }
}
