package io.fidelis.app.survey;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of surveys ({@code fidelis.surveys.*}); the README documents each default.
 *
 * @param publicUrl            the address customers reach this server at, for the links in invitations
 * @param mailFrom             the sender of invitation e-mails
 * @param contactCapDays       a customer is invited at most once in this many days (across all surveys)
 * @param followUpHours        a follow-up task is due this many hours after the answer that asked for it
 * @param complaintWords       free text containing one of these (case-insensitive) asks for a follow-up
 * @param satisfiedCsat        a CSAT at or above this is a satisfied signal for the loyalty stage
 * @param satisfiedRating      a 1–10 overall satisfaction (CUSA1) at or above this is a satisfied signal too
 * @param intentionRating      a 1–10 intention to buy again at or above this is a stated intention
 * @param signalMonths         answers count as loyalty signals for this many months
 */
@ConfigurationProperties("fidelis.surveys")
public record SurveySettings(@DefaultValue("http://localhost:8080") String publicUrl,
                             @DefaultValue("Fidelis <surveys@localhost>") String mailFrom,
                             @DefaultValue("30") int contactCapDays,
                             @DefaultValue("48") int followUpHours,
                             @DefaultValue({"complain", "complaint", "terrible", "awful", "broken", "refund", "rude",
                                 "never again", "disappointed", "投诉", "太差", "很差", "退款", "失望", "坏了"})
                             List<String> complaintWords,
                             @DefaultValue("4") int satisfiedCsat,
                             @DefaultValue("8") int satisfiedRating,
                             @DefaultValue("8") int intentionRating,
                             @DefaultValue("12") int signalMonths) {
}
