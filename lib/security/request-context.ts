import "server-only";
import { headers } from "next/headers";
import { getServerConfig } from "@/lib/env/server-config";
import { clientIpFromHeaders } from "./client-ip";

export type RequestMeta = { ip: string; userAgent: string; route: string };

export function readRequestMeta(source: Headers, route = ""): RequestMeta {
  return {
    ip: clientIpFromHeaders(source, getServerConfig().TRUSTED_PROXY_HOPS),
    userAgent: (source.get("user-agent") ?? "").slice(0, 300),
    route,
  };
}

export async function getRequestMeta(route = ""): Promise<RequestMeta> {
  return readRequestMeta(await headers(), route);
}
