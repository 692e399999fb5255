import { notFound } from "next/navigation";

// Any path this store does not serve gets the store's own 404 page.
export default function UnknownStorePath() {
  notFound();
}
