package io.fidelis.core.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Generates a deterministic small business in Fidelis's native CSV formats: products, customers and purchases.
 *
 * <p>Customers arrive over two years (more of them lately, as a growing business). Each buys by a Poisson process
 * whose rate varies between customers (gamma-distributed) until an unobserved dropout time (exponential, with a
 * gamma-distributed rate): the Pareto/NBD story, so that later issues can fit models to it and find the truth.
 * Some customers are referred by earlier ones, better buyers referring more; some orders are partly returned.
 * Later capabilities (surveys, complaints, visits) extend this one generator.
 */
public final class DemoBusiness {

    /** The account managers' usernames, two per region. */
    public static final List<String> ACCOUNT_MANAGERS = List.of(
            "li.wei", "zhang.min", "wang.fang", "chen.jie", "emma.hughes", "oliver.king");
    static final List<String> REGIONS = List.of("North", "South", "Overseas");

    /** The team of a demo account manager (one team per region), as the demo's employee pulse names it. */
    public static String teamOf(String accountManager) {
        int i = ACCOUNT_MANAGERS.indexOf(accountManager);
        return i < 0 ? null : DemoSurveys.TEAMS.get(i / 2);
    }
    static final List<String> ZONES = List.of("Asia/Shanghai", "Asia/Shanghai", "Europe/London");
    static final List<String> SEGMENTS = List.of("Consumer", "Small business", "Key account");
    static final List<String> CHANNELS = List.of("store", "online", "phone");
    static final List<String> CATEGORIES = List.of("Tea", "Coffee", "Snacks", "Kitchenware", "Home textiles",
            "Personal care", "Stationery", "Gifts");
    static final List<String> BRANDS = List.of("Jade Leaf", "Morning Harbour", "Golden Field", "Blue Orchid",
            "Northwind", "House brand");
    private static final List<String> FAMILY = List.of("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang",
            "Zhao", "Wu", "Zhou", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas");
    private static final List<String> GIVEN = List.of("Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Hui", "Jun",
            "Xin", "Ling", "Olivia", "Amelia", "Isla", "Noah", "Oscar", "Harry", "George", "Leo", "Grace", "Jack");
    private static final String[] PRODUCT_WORDS = {"Classic", "Premium", "Everyday", "Gift set", "Travel",
            "Family pack", "Select", "Organic"};

    /** Population heterogeneity (weeks): purchase rate ~ Gamma(R, ALPHA), dropout rate ~ Gamma(S, BETA). */
    static final double R = 0.75;
    static final double ALPHA = 4.0;
    static final double S = 0.6;
    static final double BETA = 25.0;
    static final double REFERRAL_SHARE = 0.18;
    /**
     * The five regional warehouses (seed 000/003): two serve each Chinese region, one the overseas customers. The
     * demo has three customer regions, so a customer of North or South is served by one of its region's two.
     */
    public static final List<String> WAREHOUSES = List.of("Beijing", "Shenyang", "Guangzhou", "Chengdu",
            "Rotterdam");
    /** The warehouse that has a bad month (the fourth month before the as-of day): most of its deliveries late. */
    public static final String BAD_WAREHOUSE = "Guangzhou";
    /** A late delivery makes the customer's next gap between orders this much longer. */
    static final double LATE_GAP_FACTOR = 1.3;
    static final double RETURN_SHARE = 0.04;
    private static final DateTimeFormatter TS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final DemoOptions options;

    private DemoBusiness(DemoOptions options) {
        this.options = options;
    }

    public static DemoBusiness of(DemoOptions options) {
        return new DemoBusiness(options);
    }

    record Product(String sku, String name, String category, String brand, BigDecimal price, BigDecimal cost) {
    }

    /**
     * Writes {@code products.csv}, {@code customers.csv}, {@code purchases.csv}, {@code deliveries.csv} (each order's
     * delivery from its region's warehouse, promised within 24 hours in China and five days overseas; some lines
     * short; a product out of stock for two weeks; the bad month of {@link #BAD_WAREHOUSE}), and the survey answers
     * and complaints, into {@code directory}. A late delivery lengthens the customer's next gap between orders, makes
     * a delivery complaint likelier and lowers a satisfaction score given within a month.
     */
    public DemoFiles writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        RandomDraws random = new RandomDraws(options.seed());
        List<Product> products = products(random);
        Path productsFile = directory.resolve("products.csv");
        try (CSVPrinter out = printer(productsFile, "sku", "name", "category", "brand", "unit_cost")) {
            for (Product p : products) {
                out.printRecord(p.sku(), p.name(), p.category(), p.brand(), p.cost());
            }
        }
        Path customersFile = directory.resolve("customers.csv");
        Path purchasesFile = directory.resolve("purchases.csv");
        Path deliveriesFile = directory.resolve("deliveries.csv");
        // Deliveries draw from a stream of their own.
        RandomDraws shipping = new RandomDraws(options.seed() * 17 + 5);
        LocalDate badMonth = options.asOf().minusMonths(4).withDayOfMonth(1);
        String outOfStockSku = products.get(products.size() / 3).sku();
        LocalDate stockOutFrom = options.asOf().minusDays(75);
        long orders = 0;
        long lines = 0;
        int written = 0;
        List<DemoSurveys.Customer> surveyed = new ArrayList<>();
        try (CSVPrinter customers = printer(customersFile, "customer_id", "name", "email", "phone", "region",
                "segment", "acquired_at", "acquisition_channel", "referred_by", "account_manager",
                "marketing_consent", "time_zone");
             CSVPrinter purchases = printer(purchasesFile, "order_id", "customer_id", "purchased_at", "sku",
                     "quantity", "unit_price", "unit_cost", "category", "channel", "original_order_id");
             CSVPrinter deliveries = printer(deliveriesFile, "order_id", "warehouse", "promised_on", "delivered_at",
                     "sku", "quantity_short", "out_of_stock")) {
            LocalDate end = options.asOf();
            LocalDate start = end.minusYears(2);
            long days = end.toEpochDay() - start.toEpochDay();
            List<double[]> referrers = new ArrayList<>(); // {customer index, purchase rate}
            for (int i = 0; i < options.customers() && lines < options.maxLines(); i++) {
                String id = "C" + String.format("%06d", i + 1);
                // Growth: arrival day density rises linearly over the period (inverse CDF of a ramp).
                double u = random.uniform();
                long arrival = Math.min(days - 1, (long) (days * (0.25 * u + 0.75 * Math.sqrt(u))));
                LocalDate acquired = start.plusDays(arrival);
                int region = random.nextInt(REGIONS.size());
                ZoneId zone = ZoneId.of(ZONES.get(region));
                int segment = random.uniform() < 0.7 ? 0 : random.uniform() < 0.75 ? 1 : 2;
                String manager = ACCOUNT_MANAGERS.get(region * 2 + random.nextInt(2));
                double rate = random.gamma(R, ALPHA) * (segment == 2 ? 1.8 : 1.0);
                double dropout = random.gamma(S, BETA);
                String referredBy = "";
                String channel;
                if (!referrers.isEmpty() && random.chance(REFERRAL_SHARE)) {
                    double[] best = null;
                    for (int k = 0; k < 3; k++) {
                        double[] candidate = referrers.get(random.nextInt(referrers.size()));
                        if (best == null || candidate[1] > best[1]) {
                            best = candidate;
                        }
                    }
                    referredBy = "C" + String.format("%06d", (int) best[0] + 1);
                    channel = "referral";
                } else {
                    channel = List.of("store", "online", "event", "advertising").get(random.nextInt(4));
                }
                referrers.add(new double[] {i, rate});
                String family = FAMILY.get(random.nextInt(FAMILY.size()));
                String given = GIVEN.get(random.nextInt(GIVEN.size()));
                boolean consent = random.chance(0.7);
                customers.printRecord(id, given + " " + family,
                        (given + "." + family + "." + (i + 1)).toLowerCase() + "@example.com",
                        String.format("+86 139 %04d %04d", random.nextInt(10000), random.nextInt(10000)),
                        REGIONS.get(region), SEGMENTS.get(segment), acquired, channel, referredBy, manager,
                        consent, zone.getId());
                written++;

                // Purchases: the first on the acquisition day, then a Poisson process until dropout.
                int[] preferred = {random.nextInt(CATEGORIES.size()), random.nextInt(CATEGORIES.size())};
                double lifetimeWeeks = random.exponential(dropout);
                double horizonWeeks = (end.toEpochDay() - acquired.toEpochDay()) / 7.0;
                DemoSurveys.Customer surveyedCustomer = new DemoSurveys.Customer(id, rate,
                        lifetimeWeeks < horizonWeeks, acquired, consent, region, new ArrayList<>());
                surveyed.add(surveyedCustomer);
                String warehouse = region == 2 ? WAREHOUSES.get(4)
                        : WAREHOUSES.get(region * 2 + (shipping.chance(0.65) ? 0 : 1));
                double t = 0;
                while (t <= Math.min(lifetimeWeeks, horizonWeeks) && lines < options.maxLines()) {
                    LocalDate day = acquired.plusDays((long) Math.floor(t * 7));
                    if (day.isAfter(end)) {
                        break;
                    }
                    LocalDateTime local = day.atTime(9 + random.nextInt(10), random.nextInt(60), random.nextInt(60));
                    String when = TS.format(local.atZone(zone).toOffsetDateTime());
                    String orderId = "SO" + String.format("%08d", ++orders);
                    String orderChannel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                    int count = random.geometricAtLeastOne(segment == 0 ? 1.6 : 2.4);
                    List<Object[]> orderLines = new ArrayList<>(count);
                    for (int l = 0; l < count && lines < options.maxLines(); l++) {
                        int category = random.chance(0.8) ? preferred[random.nextInt(2)]
                                : random.nextInt(CATEGORIES.size());
                        Product p = products.get(category * 8 + random.nextInt(products.size() / CATEGORIES.size()));
                        int quantity = random.geometricAtLeastOne(segment == 2 ? 6 : segment == 1 ? 3 : 1.3);
                        orderLines.add(new Object[] {p, quantity});
                        purchases.printRecord(orderId, id, when, p.sku(), quantity, p.price(), p.cost(),
                                p.category(), orderChannel, "");
                        lines++;
                    }
                    boolean late = !orderLines.isEmpty() && deliver(deliveries, shipping, orderId, warehouse,
                            local.atZone(zone), zone, region == 2 ? 5 : 1, badMonth, orderLines, outOfStockSku,
                            stockOutFrom, end, surveyedCustomer.lateDeliveries());
                    if (random.chance(RETURN_SHARE) && lines < options.maxLines()) {
                        Object[] returned = orderLines.get(random.nextInt(orderLines.size()));
                        Product p = (Product) returned[0];
                        Instant back = local.atZone(zone).toInstant().plusSeconds(86_400L * (1 + random.nextInt(14)));
                        if (!back.isAfter(end.atStartOfDay(ZoneOffset.UTC).toInstant())) {
                            purchases.printRecord("RT" + orderId.substring(2), id,
                                    TS.format(back.atZone(zone).toOffsetDateTime()), p.sku(), -(int) returned[1],
                                    p.price(), p.cost(), p.category(), orderChannel, orderId);
                            lines++;
                            orders++;
                        }
                    }
                    t += random.exponential(rate) * (late ? LATE_GAP_FACTOR : 1.0);
                }
            }
        }
        Path answersFile = directory.resolve("survey_answers.csv");
        DemoSurveys.write(answersFile, surveyed, options.asOf(), options.seed());
        Path complaintsFile = directory.resolve("complaints.csv");
        DemoSurveys.writeComplaints(complaintsFile, surveyed, options.asOf(), options.seed(),
                products.stream().map(Product::sku).toList());
        return new DemoFiles(productsFile, customersFile, purchasesFile, answersFile, complaintsFile, deliveriesFile,
                products.size(), written, orders, lines);
    }

    /**
     * Writes the delivery of one order and says whether it was late. 95% of deliveries come on time (within the
     * promise), the others one to four days late; in the bad month of {@link #BAD_WAREHOUSE} 60% are late. A line
     * is short (a quantity missing) with probability 2%, and the product out of stock in its two weeks is short on
     * every order. Late days before the as-of day go to {@code lateDays}; a delivery after it is still on its way.
     */
    private static boolean deliver(CSVPrinter out, RandomDraws shipping, String orderId, String warehouse,
                                   java.time.ZonedDateTime ordered, ZoneId zone, int promiseDays, LocalDate badMonth,
                                   List<Object[]> orderLines, String outOfStockSku, LocalDate stockOutFrom,
                                   LocalDate end, List<DemoSurveys.Late> lateDays) throws IOException {
        LocalDate orderDay = ordered.toLocalDate();
        LocalDate promised = orderDay.plusDays(promiseDays);
        boolean bad = warehouse.equals(BAD_WAREHOUSE) && !orderDay.isBefore(badMonth)
                && orderDay.isBefore(badMonth.plusMonths(1));
        boolean late = shipping.chance(bad ? 0.6 : 0.05);
        LocalDate day = late ? promised.plusDays(1 + shipping.nextInt(4))
                : orderDay.plusDays(promiseDays == 1 ? 1 : 2 + shipping.nextInt(promiseDays - 1));
        java.time.ZonedDateTime at = day.atTime(9 + shipping.nextInt(10), shipping.nextInt(60)).atZone(zone);
        String delivered = day.isAfter(end) ? "" : TS.format(at.toOffsetDateTime());
        List<Object[]> shortLines = new ArrayList<>();
        for (Object[] line : orderLines) {
            Product p = (Product) line[0];
            int quantity = (int) line[1];
            boolean outOfStock = p.sku().equals(outOfStockSku) && !orderDay.isBefore(stockOutFrom)
                    && orderDay.isBefore(stockOutFrom.plusDays(14));
            if (outOfStock) {
                shortLines.add(new Object[] {p.sku(), quantity, true});
            } else if (shipping.chance(0.02)) {
                shortLines.add(new Object[] {p.sku(), 1 + shipping.nextInt(quantity), false});
            }
        }
        java.util.Set<String> written = new java.util.HashSet<>();
        if (shortLines.isEmpty()) {
            out.printRecord(orderId, warehouse, promised, delivered, "", "", "");
        }
        for (Object[] s : shortLines) {
            if (written.add((String) s[0])) {
                out.printRecord(orderId, warehouse, promised, delivered, s[0], s[1], s[2]);
            }
        }
        if (late && !day.isAfter(end)) {
            lateDays.add(new DemoSurveys.Late(day, orderId));
        }
        return late && !day.isAfter(end);
    }

    private static List<Product> products(RandomDraws random) {
        List<Product> products = new ArrayList<>();
        for (int c = 0; c < CATEGORIES.size(); c++) {
            String category = CATEGORIES.get(c);
            double basePrice = 5 + random.uniform() * 60;
            for (int k = 0; k < 8; k++) {
                BigDecimal price = BigDecimal.valueOf(basePrice * (0.6 + random.uniform() * 1.2))
                        .setScale(2, RoundingMode.HALF_UP);
                BigDecimal cost = price.multiply(BigDecimal.valueOf(0.45 + random.uniform() * 0.25))
                        .setScale(2, RoundingMode.HALF_UP);
                String brand = BRANDS.get(random.nextInt(BRANDS.size()));
                products.add(new Product(String.format("SKU-%d%02d", c + 1, k + 1),
                        category + " " + PRODUCT_WORDS[k], category, brand, price, cost));
            }
        }
        return products;
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        return new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(header).get());
    }
}
