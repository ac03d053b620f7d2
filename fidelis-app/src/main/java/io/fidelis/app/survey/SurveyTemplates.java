package io.fidelis.app.survey;

import static io.fidelis.app.survey.QuestionType.CES;
import static io.fidelis.app.survey.QuestionType.CSAT;
import static io.fidelis.app.survey.QuestionType.MULTIPLE;
import static io.fidelis.app.survey.QuestionType.NPS;
import static io.fidelis.app.survey.QuestionType.RATING;
import static io.fidelis.app.survey.QuestionType.SINGLE;
import static io.fidelis.app.survey.QuestionType.TEXT;
import static io.fidelis.app.survey.QuestionType.YES_NO;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in questionnaires, in English and Chinese. The ECSI questionnaire follows the items of the European
 * Customer Satisfaction Index as used for the mobile phone provider in Tenenhaus, Esposito Vinzi, Chatelin &amp;
 * Lauro (2005), "PLS path modeling", CSDA 48, with the same item codes (IMAG1–5, CUEX1–3, PERQ1–7, PERV1–2,
 * CUSA1–3, CUSCO, CUSL1–3), so its answers feed the ECSI model directly; the ACSI variant leaves out Image.
 */
public final class SurveyTemplates {
    private static final Map<String, SurveyTemplate> ALL = new LinkedHashMap<>();

    private SurveyTemplates() {
    }

    static {
        add(new SurveyTemplate("relationship-nps", Audience.CUSTOMER, "How are we doing?", "我们做得怎么样？",
                "Two short questions about our relationship.", "关于我们合作关系的两个简短问题。", List.of(
                Question.of("NPS", NPS, true, "How likely are you to recommend us to a friend or colleague?",
                        "您向朋友或同事推荐我们的可能性有多大？"),
                Question.of("NPS_REASON", TEXT, false, "What is the main reason for your score?",
                        "您给出这个分数的主要原因是什么？"),
                Question.of("IMPROVE", TEXT, false, "What could we do better?", "我们还有哪些可以改进的地方？")
                        .showIf("NPS", "0", "1", "2", "3", "4", "5", "6", "7", "8"))));
        add(new SurveyTemplate("post-purchase-csat", Audience.CUSTOMER, "Your recent purchase", "您最近的购买",
                "Thank you for your purchase. Tell us how it went.", "感谢您的购买，请告诉我们您的体验。", List.of(
                Question.of("CSAT", CSAT, true, "How satisfied are you with your recent purchase?",
                        "您对最近一次购买的满意程度如何？"),
                Question.of("CES", CES, false, "How easy was it to get what you needed?", "获得所需的产品或服务有多容易？"),
                Question.of("COMMENT", TEXT, false, "Anything you would like to tell us?", "您还有什么想告诉我们的吗？"))));
        add(new SurveyTemplate("complaint-resolution", Audience.CUSTOMER, "How we handled your complaint",
                "我们如何处理您的投诉", "You told us about a problem. Did we put it right?", "您向我们反映了问题，我们解决好了吗？",
                List.of(
                Question.of("RESOLVED", YES_NO, true, "Was your problem solved?", "您的问题解决了吗？"),
                Question.of("CSAT", CSAT, true, "How satisfied are you with how we handled your complaint?",
                        "您对我们处理投诉的方式满意吗？"),
                Question.of("INTEND_REPURCHASE", RATING, false,
                        "How likely are you to buy from us again? (1 = not at all, 10 = certainly)",
                        "您再次向我们购买的可能性有多大？（1 = 完全不会，10 = 一定会）"),
                Question.of("COMMENT", TEXT, false, "What should we have done differently?", "我们本应如何做得不同？"))));
        add(new SurveyTemplate("ecsi", Audience.CUSTOMER, "Customer satisfaction survey (ECSI)",
                "顾客满意度调查（ECSI）", "Rate each statement from 1 (very poor) to 10 (excellent).",
                "请为每一项打分：1（非常差）到 10（非常好）。", ecsi(true)));
        add(new SurveyTemplate("acsi", Audience.CUSTOMER, "Customer satisfaction survey (ACSI)",
                "顾客满意度调查（ACSI）", "Rate each statement from 1 (very poor) to 10 (excellent).",
                "请为每一项打分：1（非常差）到 10（非常好）。", ecsi(false)));
        add(new SurveyTemplate("conscious-loyalty", Audience.CUSTOMER, "Will you stay with us?", "您会继续选择我们吗？",
                "Three questions about your plans.", "关于您今后打算的三个问题。", List.of(
                Question.of("INTEND_REPURCHASE", RATING, true,
                        "How likely are you to buy from us again in the next 12 months? (1 = not at all, 10 = certainly)",
                        "未来 12 个月内您再次向我们购买的可能性有多大？（1 = 完全不会，10 = 一定会）"),
                Question.of("COMPETITOR_OFFER", YES_NO, true, "Has a competitor made you an offer recently?",
                        "最近有竞争对手向您提供优惠吗？"),
                Question.of("RESIST_OFFER", YES_NO, true, "Did you stay with us despite that offer?",
                        "尽管有这样的优惠，您是否仍然选择了我们？").showIf("COMPETITOR_OFFER", "1"),
                Question.of("WHY_STAY", TEXT, false, "What keeps you with us?", "是什么让您留在我们这里？"))));
        add(new SurveyTemplate("exit", Audience.CUSTOMER, "We miss you", "我们想念您",
                "You have not bought from us for a while. Would you tell us why?", "您已有一段时间没有向我们购买了，能告诉我们原因吗？",
                List.of(
                Question.choice("EXIT_REASON", SINGLE, true, "What is the main reason you stopped buying from us?",
                        "您停止向我们购买的主要原因是什么？", List.of("I moved away",
                                "My business closed", "I no longer need the product", "A better product elsewhere",
                                "The price", "Poor service", "Product quality", "Supply or delivery problems",
                                "A complaint that was not resolved", "Another reason"),
                        List.of("我搬走了", "我的企业关闭了", "我不再需要该产品", "别处有更好的产品", "价格", "服务差", "产品质量",
                                "供货或配送问题", "投诉未得到解决", "其他原因")),
                Question.of("EXIT_DETAIL", TEXT, false, "Tell us more, if you like.", "如果愿意，请告诉我们更多。"),
                Question.of("COME_BACK", YES_NO, false, "Would you consider buying from us again?",
                        "您会考虑再次向我们购买吗？"),
                Question.choice("BRING_BACK", MULTIPLE, false, "What would bring you back?", "什么能让您回来？",
                                List.of("Lower prices", "Better quality", "Better service", "New products",
                                        "A personal offer"),
                                List.of("更低的价格", "更好的质量", "更好的服务", "新产品", "个性化优惠"))
                        .showIf("COME_BACK", "1"))));
        add(new SurveyTemplate("employee-pulse", Audience.EMPLOYEE, "Employee pulse", "员工脉搏调查",
                "Anonymous. Satisfied employees make satisfied customers.", "匿名调查。满意的员工造就满意的顾客。", List.of(
                Question.of("TEAM", TEXT, true, "Your team", "您所在的团队"),
                Question.of("ENPS", NPS, true, "How likely are you to recommend working here to a friend?",
                        "您向朋友推荐来这里工作的可能性有多大？"),
                Question.of("EQUIPPED", RATING, true, "I have what I need to serve customers well (1–10).",
                        "我拥有为顾客提供良好服务所需的一切（1–10）。"),
                Question.of("HEARD", RATING, true, "My ideas for serving customers are listened to (1–10).",
                        "我关于服务顾客的想法会被认真听取（1–10）。"),
                Question.of("KNOW_CUSTOMERS", RATING, true, "I know what our customers expect of us (1–10).",
                        "我清楚顾客对我们的期望（1–10）。"),
                Question.of("COMMENT", TEXT, false, "What would help you serve customers better?",
                        "什么能帮助您更好地服务顾客？"))));
        add(new SurveyTemplate("mystery-shopper", Audience.MYSTERY_SHOPPER, "Mystery-shopper checklist",
                "神秘顾客检查表", "Score the store you visited on each item, 1 (very poor) to 10 (excellent).",
                "请为您到访的门店逐项打分：1（非常差）到 10（非常好）。", List.of(
                Question.choice("SUBJECT", SINGLE, true, "Which store did you visit?", "您到访的是哪家门店？",
                                List.of("Our store", "Competitor A", "Competitor B"),
                                List.of("我们的门店", "竞争对手 A", "竞争对手 B")),
                Question.of("GREETING", RATING, true, "Greeting and attention", "问候与关注"),
                Question.of("WAITING", RATING, true, "Waiting time", "等候时间"),
                Question.of("KNOWLEDGE", RATING, true, "Staff knowledge of the products", "员工的产品知识"),
                Question.of("AVAILABILITY", RATING, true, "Products in stock", "产品供应充足"),
                Question.of("PRICES", RATING, true, "Clear prices", "价格清晰"),
                Question.of("CLEANLINESS", RATING, true, "Clean and tidy", "整洁干净"),
                Question.of("OVERALL", RATING, true, "Overall experience", "总体体验"),
                Question.of("NOTES", TEXT, false, "Notes", "备注"))));
        add(new SurveyTemplate("custom", Audience.CUSTOMER, "New survey", "新调查", null, null, List.of(
                Question.of("CSAT", CSAT, true, "How satisfied are you with us?", "您对我们的满意程度如何？"))));
    }

    private static void add(SurveyTemplate t) {
        ALL.put(t.key(), t);
    }

    public static List<SurveyTemplate> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<SurveyTemplate> byKey(String key) {
        return Optional.ofNullable(ALL.get(key));
    }

    /** The ECSI items (with Image) or the ACSI ones (without), each a 1–10 rating with its construct. */
    private static List<Question> ecsi(boolean image) {
        List<Question> q = new ArrayList<>();
        if (image) {
            item(q, "IMAG1", "IMAG", "We can be trusted in what we say and do.", "我们言行一致，值得信赖。");
            item(q, "IMAG2", "IMAG", "We are stable and firmly established.", "我们稳定可靠，根基扎实。");
            item(q, "IMAG3", "IMAG", "We make a social contribution to society.", "我们为社会做出贡献。");
            item(q, "IMAG4", "IMAG", "We care about our customers.", "我们关心顾客。");
            item(q, "IMAG5", "IMAG", "We are innovative and forward looking.", "我们富有创新精神，着眼未来。");
        }
        item(q, "CUEX1", "EXPE", "Your expectations of our overall quality when you became a customer.",
                "您成为我们的顾客时，对我们整体质量的期望。");
        item(q, "CUEX2", "EXPE", "Your expectations that we would meet your personal needs.",
                "您对我们能满足您个人需求的期望。");
        item(q, "CUEX3", "EXPE", "How often you expected things could go wrong with us (1 = very often, 10 = never).",
                "您预期在我们这里出问题的频率（1 = 非常频繁，10 = 从不）。");
        item(q, "PERQ1", "QUAL", "The overall quality of what we offer.", "我们所提供产品和服务的整体质量。");
        item(q, "PERQ2", "QUAL", "The quality of our products.", "我们产品的质量。");
        item(q, "PERQ3", "QUAL", "Our customer service and personal advice.", "我们的顾客服务与个性化建议。");
        item(q, "PERQ4", "QUAL", "The quality of the services you use.", "您所使用服务的质量。");
        item(q, "PERQ5", "QUAL", "The range of products and services we offer.", "我们提供的产品和服务的种类。");
        item(q, "PERQ6", "QUAL", "The reliability and accuracy of our products and services.",
                "我们产品和服务的可靠性与准确性。");
        item(q, "PERQ7", "QUAL", "The clarity and transparency of the information we give.", "我们所提供信息的清晰度与透明度。");
        item(q, "PERV1", "VAL", "Given the quality, how do you rate our prices?", "考虑到质量，您如何评价我们的价格？");
        item(q, "PERV2", "VAL", "Given the prices, how do you rate our quality?", "考虑到价格，您如何评价我们的质量？");
        item(q, "CUSA1", "SAT", "Overall, how satisfied are you with us?", "总体而言，您对我们的满意程度如何？");
        item(q, "CUSA2", "SAT", "How far have we met your expectations?", "我们在多大程度上达到了您的期望？");
        item(q, "CUSA3", "SAT", "How close are we to your ideal supplier?", "我们与您心目中理想供应商的接近程度如何？");
        item(q, "CUSCO", "COMP", "How well was your last complaint handled (or how well would it be)?",
                "您上一次投诉处理得如何（或您认为会处理得如何）？");
        item(q, "CUSL1", "LOY", "If you chose again, how likely is it that you would choose us?",
                "如果重新选择，您再次选择我们的可能性有多大？");
        if (image) {
            item(q, "CUSL2", "LOY", "If others lowered their prices and we did not, how much lower would they have"
                    + " to be before you left? (1 = a little, 10 = a lot)",
                    "如果其他商家降价而我们不降，他们要降多少您才会离开？（1 = 一点点，10 = 很多）");
        }
        item(q, "CUSL3", "LOY", "If a friend asked you for advice, how likely is it that you would recommend us?",
                "如果朋友征求您的意见，您推荐我们的可能性有多大？");
        return q;
    }

    private static void item(List<Question> q, String code, String construct, String en, String zh) {
        q.add(Question.of(code, RATING, true, en, zh).withConstruct(construct));
    }

    /** Questions whose answer means a conscious intention to buy again (a rating of 8 or more, or yes). */
    static final List<String> INTENTION = List.of("INTEND_REPURCHASE", "CUSL1");
    /** Questions whose answer "yes" means the customer resisted a competitor's offer. */
    static final List<String> RESISTED_OFFER = List.of("RESIST_OFFER");
}
