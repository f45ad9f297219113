/// <reference types="vite/client" />

/** One language's messages, from tab/vite.config.ts. */
declare module 'virtual:lis-messages/*' {
  const messages: Readonly<Record<string, string>>;
  export default messages;
}
