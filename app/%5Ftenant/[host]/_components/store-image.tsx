import type { ComponentProps } from "react";

type Props = Omit<ComponentProps<"img">, "src" | "alt" | "width" | "height" | "loading"> & {
  src: string;
  alt: string;
  width: number;
  height: number;
  /** The page's main image: fetched first, never lazily. */
  priority?: boolean;
};

/**
 * An image as next/image writes an unoptimised one (every image here is: next.config.ts turns the
 * optimiser off, since it would fetch a store's media without the store's host): width and height
 * against layout shift, lazy loading unless it is the page's main image, async decoding. Without
 * next/image's client component: each of those is serialised into the page's payload and rendered
 * again by the client runtime, which `npm run bench` measured at about 60 µs an image on the
 * server, a dozen on every listing page.
 */
export function StoreImage({ src, alt, width, height, priority = false, ...rest }: Props) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- the same markup as next/image unoptimised, without its client component
    <img
      {...rest}
      src={src}
      alt={alt}
      width={width}
      height={height}
      loading={priority ? "eager" : "lazy"}
      fetchPriority={priority ? "high" : undefined}
      decoding="async"
    />
  );
}
