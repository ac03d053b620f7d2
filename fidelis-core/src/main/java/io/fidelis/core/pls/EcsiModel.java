package io.fidelis.core.pls;

/**
 * Built-in satisfaction index models with the item names of the ECSI mobile phone provider questionnaire ("mobi":
 * Tenenhaus, Esposito Vinzi, Chatelin &amp; Lauro 2005, CSDA 48:159–205; the data shipped with seminr and semPLS).
 *
 * <p>Construct names (short and stable, used in the CLI and API): IMAG image (IMAG1–IMAG5), EXPE expectation
 * (CUEX1–CUEX3), QUAL perceived quality (PERQ1–PERQ7), VAL perceived value (PERV1–PERV2), SAT satisfaction
 * (CUSA1–CUSA3), COMP complaints (CUSCO), LOY loyalty (CUSL1–CUSL3). All blocks Mode A.
 */
public final class EcsiModel {
    public static final String IMAGE = "IMAG";
    public static final String EXPECTATION = "EXPE";
    public static final String QUALITY = "QUAL";
    public static final String VALUE = "VAL";
    public static final String SATISFACTION = "SAT";
    public static final String COMPLAINTS = "COMP";
    public static final String LOYALTY = "LOY";

    private EcsiModel() {
    }

    /**
     * The ECSI model on mobi, with its 12 paths: IMAG → EXPE, SAT, LOY; EXPE → QUAL, VAL, SAT; QUAL → VAL, SAT;
     * VAL → SAT; SAT → COMP, LOY; COMP → LOY (seminr's ECSI demo, semPLS's {@code ECSImobi}).
     */
    public static PlsModel mobi() {
        return model(true);
    }

    /**
     * The ACSI model (Fornell et al. 1996, Journal of Marketing 60:7–18) with the mobi items: expectation, perceived
     * quality and perceived value drive satisfaction, which drives complaints and loyalty; complaints drive loyalty.
     * No image. Paths: EXPE → QUAL, VAL, SAT; QUAL → VAL, SAT; VAL → SAT; SAT → COMP, LOY; COMP → LOY.
     */
    public static PlsModel acsi() {
        return model(false);
    }

    private static PlsModel model(boolean image) {
        PlsModel.Builder b = PlsModel.builder();
        if (image) {
            b.block(IMAGE, "IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5")
                    .path(IMAGE, EXPECTATION).path(IMAGE, SATISFACTION).path(IMAGE, LOYALTY);
        }
        return b.block(EXPECTATION, "CUEX1", "CUEX2", "CUEX3")
                .block(QUALITY, "PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7")
                .block(VALUE, "PERV1", "PERV2")
                .block(SATISFACTION, "CUSA1", "CUSA2", "CUSA3")
                .block(COMPLAINTS, "CUSCO")
                .block(LOYALTY, "CUSL1", "CUSL2", "CUSL3")
                .path(EXPECTATION, QUALITY).path(EXPECTATION, VALUE).path(EXPECTATION, SATISFACTION)
                .path(QUALITY, VALUE).path(QUALITY, SATISFACTION)
                .path(VALUE, SATISFACTION)
                .path(SATISFACTION, COMPLAINTS).path(SATISFACTION, LOYALTY)
                .path(COMPLAINTS, LOYALTY)
                .build();
    }
}
