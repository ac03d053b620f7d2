package io.fidelis.core.pls;

/**
 * Reliability and convergent validity of one block, from the items as the fit saw them (standardised or centred) and
 * the fitted loadings λ. A single-item block gets 1 for each.
 *
 * @param items                    the number of items
 * @param cronbachAlpha            Cronbach's alpha, q/(q − 1) · (1 − Σ var(xᵢ) / var(Σ xᵢ)) from the item covariance
 *                                 matrix (the correlation matrix, i.e. standardised alpha, when the fit was scaled)
 * @param compositeReliability     ρ_C (Jöreskog's rho, Dillon-Goldstein's rho as SmartPLS and seminr report it),
 *                                 (Σλ)² / ((Σλ)² + Σ(1 − λ²)) from the PLS loadings; plspm's {@code DG.rho} uses
 *                                 the loadings on the block's first principal component instead and differs slightly
 * @param averageVarianceExtracted AVE, the mean of λ² (Fornell &amp; Larcker 1981)
 */
public record ConstructQuality(int items, double cronbachAlpha, double compositeReliability,
                               double averageVarianceExtracted) {
}
