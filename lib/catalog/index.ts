export { listCategories, findCategoryBySlug } from "./categories";
export { listProducts, listFeaturedProducts, listListingFacets, listProductSlugsForSitemap } from "./list-products";
export { getProductBySlug } from "./get-product";
export { parseListingQuery, SORT_OPTIONS, PAGE_SIZE, MAX_SEARCH_LENGTH } from "./listing-query";
export type { ListingQuery, RawSearchParams, SortOption } from "./listing-query";
export { formatMoney } from "./money";
export { buildProductJsonLd, serializeJsonLd } from "./product-json-ld";
export type * from "./types";
