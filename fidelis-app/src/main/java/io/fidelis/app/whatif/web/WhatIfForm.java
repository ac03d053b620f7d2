package io.fidelis.app.whatif.web;

import io.fidelis.app.whatif.SimulatingRetention;
import io.fidelis.app.whatif.WhatIfSettings;

/** The What-if form as the page sends it (and as it shows it again); empty fields take the settings. */
record WhatIfForm(Double retention, String segment, String stage, Integer horizonMonths, Double acquisitionCost,
                  Double costPerCustomerYear) {

    SimulatingRetention.Scenario scenario() {
        return new SimulatingRetention.Scenario(retention, segment, stage, horizonMonths, acquisitionCost,
                costPerCustomerYear);
    }

    static WhatIfForm of(SimulatingRetention.Report r) {
        return new WhatIfForm(r.retention(), r.segment(), r.stage(), r.horizonMonths(), r.acquisitionCost(),
                r.costPerCustomerYear());
    }

    WhatIfForm withDefaults(WhatIfSettings s) {
        return new WhatIfForm(retention == null ? s.retention() : retention, segment, stage,
                horizonMonths == null ? s.horizonMonths() : horizonMonths,
                acquisitionCost == null ? s.acquisitionCost() : acquisitionCost,
                costPerCustomerYear == null ? s.costPerCustomerYear() : costPerCustomerYear);
    }
}
