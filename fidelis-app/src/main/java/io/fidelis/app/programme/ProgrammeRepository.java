package io.fidelis.app.programme;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fidelis.core.programme.PointsLedger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProgrammeRepository {
    private final JdbcClient jdbc;

    ProgrammeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A member as stored. */
    record Member(long customerId, LocalDate joinedOn, String earnedTier, LocalDate tierSince,
                  LocalDate lastQualified, String overrideTier, String overrideBy, LocalDate overrideUntil,
                  String overrideNote, long version) {
    }

    private static final String MEMBER = "select customer_id, joined_on, earned_tier, tier_since, last_qualified,"
            + " override_tier, override_by, override_until, override_note, version from programme_member";

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7),
                rs.getObject(8, LocalDate.class), rs.getString(9), rs.getLong(10));
    }

    Optional<Member> member(long customerId) {
        return jdbc.sql(MEMBER + " where customer_id = ?").param(customerId).query(ProgrammeRepository::member)
                .optional();
    }

    /** The member's row, locked until the transaction ends (redemptions queue behind each other). */
    Optional<Member> lock(long customerId) {
        return jdbc.sql(MEMBER + " where customer_id = ? for update").param(customerId)
                .query(ProgrammeRepository::member).optional();
    }

    List<Member> members() {
        return jdbc.sql(MEMBER + " order by customer_id").query(ProgrammeRepository::member).list();
    }

    /** Those of some customers who are members, in the order of their ids. */
    List<Member> members(java.util.Collection<Long> customerIds) {
        List<Member> out = new java.util.ArrayList<>();
        io.fidelis.app.shared.InChunks.eachPadded(customerIds.stream().sorted().toList(), (in, ids) ->
                out.addAll(jdbc.sql(MEMBER + " where customer_id in (" + in + ") order by customer_id").params(ids)
                        .query(ProgrammeRepository::member).list()));
        return out;
    }

    Optional<Long> memberByCard(String hash) {
        return jdbc.sql("select customer_id from programme_member where card_hash = ?").param(hash)
                .query(Long.class).optional();
    }

    void insertMember(long customerId, LocalDate joinedOn, String cardHash) {
        jdbc.sql("insert into programme_member (customer_id, joined_on, card_hash, version) values (?, ?, ?, 0)")
                .params(customerId, joinedOn, cardHash).update();
    }

    void card(long customerId, String hash) {
        jdbc.sql("update programme_member set card_hash = ?, version = version + 1 where customer_id = ?")
                .params(hash, customerId).update();
    }

    void tier(long customerId, String earned, LocalDate since, LocalDate lastQualified, String override, String by,
              LocalDate until, String note) {
        jdbc.sql("update programme_member set earned_tier = ?, tier_since = ?, last_qualified = ?, override_tier = ?,"
                        + " override_by = ?, override_until = ?, override_note = ?, version = version + 1"
                        + " where customer_id = ?")
                .params(earned, since, lastQualified, override, by, until, note, customerId).update();
    }

    void earnedTier(long customerId, String earned, LocalDate since, LocalDate lastQualified) {
        jdbc.sql("update programme_member set earned_tier = ?, tier_since = ?, last_qualified = ? where customer_id = ?")
                .params(earned, since, lastQualified, customerId).update();
    }

    void clearOverride(long customerId, LocalDate until) {
        jdbc.sql("update programme_member set override_tier = null, override_by = null, override_until = null,"
                        + " override_note = null where customer_id = ? and override_until = ?")
                .params(customerId, until).update();
    }

    void touch(long customerId) {
        jdbc.sql("update programme_member set version = version + 1 where customer_id = ?").param(customerId)
                .update();
    }

    /** A stored ledger entry and where it came from (an order, a return, a referral), for idempotent accrual. */
    record Stored(PointsLedger.Entry entry, String source) {
    }

    List<Stored> entries(long customerId) {
        return jdbc.sql("select kind, entry_date, lot_id, points, requested, expires_on, order_id, source, reason"
                        + " from points_entry where customer_id = ? order by id")
                .param(customerId).query(ProgrammeRepository::stored).list();
    }

    Map<Long, List<PointsLedger.Entry>> allEntries() {
        Map<Long, List<PointsLedger.Entry>> out = new HashMap<>();
        jdbc.sql("select kind, entry_date, lot_id, points, requested, expires_on, order_id, source, reason,"
                        + " customer_id from points_entry order by id")
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(10), k -> new ArrayList<>()).add(stored(rs, 0).entry());
                });
        return out;
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString(1);
        LocalDate date = rs.getObject(2, LocalDate.class);
        PointsLedger.Entry e = switch (kind) {
            case "EARN" -> new PointsLedger.Earn(rs.getString(3), rs.getLong(4), date, rs.getObject(6,
                    LocalDate.class), rs.getString(9), rs.getString(7));
            case "REDEEM" -> new PointsLedger.Redeem(date, rs.getLong(4), rs.getString(9));
            case "EXPIRE" -> new PointsLedger.Expire(date, rs.getString(3), rs.getLong(4), rs.getString(9));
            default -> new PointsLedger.Reverse(date, rs.getString(7), rs.getLong(5), rs.getLong(4),
                    rs.getString(9));
        };
        return new Stored(e, rs.getString(8));
    }

    void insert(long customerId, PointsLedger.Entry e, String source, Instant at, String by) {
        String kind;
        String lot = null;
        long points;
        Long requested = null;
        LocalDate expires = null;
        String order = null;
        if (e instanceof PointsLedger.Earn x) {
            kind = "EARN";
            lot = x.lotId();
            points = x.points();
            expires = x.expiresOn();
            order = x.orderId();
        } else if (e instanceof PointsLedger.Redeem x) {
            kind = "REDEEM";
            points = x.points();
        } else if (e instanceof PointsLedger.Expire x) {
            kind = "EXPIRE";
            lot = x.lotId();
            points = x.points();
        } else {
            PointsLedger.Reverse x = (PointsLedger.Reverse) e;
            kind = "REVERSE";
            points = x.reversed();
            requested = x.requested();
            order = x.orderId();
        }
        jdbc.sql("insert into points_entry (customer_id, kind, entry_date, lot_id, points, requested, expires_on,"
                        + " order_id, source, reason, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(customerId, kind, e.date(), lot, points, requested, expires, order, source, e.reason(),
                        at.atOffset(ZoneOffset.UTC), by)
                .update();
    }

    /** A reward of the catalogue. */
    record Reward(String code, String nameEn, String nameZh, long points, int stock, boolean active) {
    }

    List<Reward> rewards() {
        return jdbc.sql("select code, name_en, name_zh, points, stock, active from reward order by points, code")
                .query((rs, n) -> new Reward(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getInt(5), rs.getBoolean(6)))
                .list();
    }

    void insertReward(Reward r) {
        jdbc.sql("insert into reward (code, name_en, name_zh, points, stock, active) values (?, ?, ?, ?, ?, ?)")
                .params(r.code(), r.nameEn(), r.nameZh(), r.points(), r.stock(), r.active()).update();
    }

    void updateReward(Reward r) {
        jdbc.sql("update reward set name_en = ?, name_zh = ?, points = ?, stock = ?, active = ? where code = ?")
                .params(r.nameEn(), r.nameZh(), r.points(), r.stock(), r.active(), r.code()).update();
    }

    /** Takes one from the reward's stock; false when none is left. */
    boolean takeOne(String code) {
        return jdbc.sql("update reward set stock = stock - 1 where code = ? and stock > 0 and active").param(code)
                .update() == 1;
    }

    private static final String GIFT = "select id, customer_id, source, rule_name, gift, quantity, reason, status,"
            + " created_at, settled_at, settled_by, note, version from gift_entitlement";

    private static GiftEntitlement gift(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp settled = rs.getTimestamp(10);
        return new GiftEntitlement(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getString(7), GiftEntitlement.Status.valueOf(rs.getString(8)),
                rs.getTimestamp(9).toInstant(), settled == null ? null : settled.toInstant(), rs.getString(11),
                rs.getString(12), rs.getLong(13));
    }

    List<GiftEntitlement> gifts(long customerId) {
        return jdbc.sql(GIFT + " where customer_id = ? order by created_at desc, id desc").param(customerId)
                .query(ProgrammeRepository::gift).list();
    }

    Optional<GiftEntitlement> gift(long id) {
        return jdbc.sql(GIFT + " where id = ?").param(id).query(ProgrammeRepository::gift).optional();
    }

    /** Pending gifts of every member, oldest first. */
    List<GiftEntitlement> pendingGifts() {
        return jdbc.sql(GIFT + " where status = 'PENDING' order by created_at, id").query(ProgrammeRepository::gift)
                .list();
    }

    void insert(GiftEntitlement g) {
        jdbc.sql("insert into gift_entitlement (customer_id, source, rule_name, gift, quantity, reason, status,"
                        + " created_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(g.customerId(), g.source(), g.rule(), g.gift(), g.quantity(), g.reason(), g.status().name(),
                        g.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Writes a gift's new state if nobody changed it since it was read; false otherwise. */
    boolean update(GiftEntitlement g) {
        return jdbc.sql("update gift_entitlement set quantity = ?, status = ?, settled_at = ?, settled_by = ?,"
                        + " note = ?, version = version + 1 where id = ? and version = ?")
                .params(g.quantity(), g.status().name(), g.settledAt() == null ? null
                                : g.settledAt().atOffset(ZoneOffset.UTC), g.settledBy(), g.note(), g.id(),
                        g.version())
                .update() == 1;
    }
}
