import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events';

/** The Socket.IO client's socket, typed with the shared event map. */
export type IoSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a feature may listen to: the server's events and the connection's own `connect`. */
export type ListenEvents = ServerToClientEvents & { connect: () => void };

/** The app's realtime connection as features use it: listen, stop listening, send, and whether it is up. */
export interface AgoraSocket {
  readonly connected: boolean;
  on<E extends keyof ListenEvents>(event: E, listener: ListenEvents[E]): void;
  off<E extends keyof ListenEvents>(event: E, listener: ListenEvents[E]): void;
  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): void;
}

type AnyListener = (...args: never[]) => void;

/**
 * The socket, with the Socket.IO client loaded only when a feature first listens or sends: a visitor
 * reading the home page never needs it, and it is ~14 kB of gzip off every page's first download.
 * Listeners and sends made before it has loaded are handed to the real socket once it has (sends are
 * then buffered by Socket.IO until the connection is up, as they would be while reconnecting).
 */
export class LazySocket implements AgoraSocket {
  private socket: IoSocket | null = null;
  private loading: Promise<void> | null = null;
  private wanted = false;
  private readonly listeners = new Map<string, Set<AnyListener>>();
  private readonly unsent: unknown[][] = [];

  constructor(private readonly load: () => Promise<IoSocket>) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  on<E extends keyof ListenEvents>(event: E, listener: ListenEvents[E]): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    if (this.socket) this.real().on(event, listener);
    else this.start();
  }

  off<E extends keyof ListenEvents>(event: E, listener: ListenEvents[E]): void {
    this.listeners.get(event)?.delete(listener);
    if (this.socket) this.real().off(event, listener);
  }

  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): void {
    if (this.socket) this.real().emit(event, ...args);
    else {
      this.unsent.push([event, ...args]);
      this.start();
    }
  }

  /**
   * Connects, or connects again: the server reads the session only at the handshake, so a change of
   * member needs a new one. Before the client has loaded this only records the wish.
   */
  reconnect(): void {
    this.wanted = true;
    this.socket?.disconnect().connect();
  }

  /** Disconnects (the app is leaving). */
  close(): void {
    this.wanted = false;
    this.socket?.disconnect();
  }

  /** Whether the Socket.IO client has been asked for (for tests). */
  get started(): boolean {
    return this.loading !== null;
  }

  private start(): void {
    if (this.loading) return;
    this.loading = this.load().then((socket) => {
      this.socket = socket;
      const real = this.real();
      for (const [event, set] of this.listeners) for (const listener of set) real.on(event, listener);
      for (const [event, ...args] of this.unsent.splice(0)) real.emit(event as string, ...args);
      if (this.wanted) socket.connect();
    });
    // A failed download (offline, a deploy replaced the chunk) is tried again by the next listener.
    this.loading.catch(() => {
      this.loading = null;
    });
  }

  /** The loaded socket, seen through untyped event names: the typed methods above checked them. */
  private real(): UntypedSocket {
    return this.socket as unknown as UntypedSocket;
  }
}

/** Socket.IO's socket with the event names and arguments left unchecked. */
interface UntypedSocket {
  on(event: string, listener: AnyListener): void;
  off(event: string, listener: AnyListener): void;
  emit(event: string, ...args: unknown[]): void;
}

/** Creates the app's (not yet loaded, not yet connected) socket to the page's own origin; the handshake carries the cookies. */
export function createSocket(): LazySocket {
  return new LazySocket(() =>
    import('socket.io-client').then(({ io }) => io({ autoConnect: false, withCredentials: true })),
  );
}
