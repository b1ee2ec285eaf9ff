import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createSocket, type AgoraSocket } from './socket';

const SocketContext = createContext<AgoraSocket | null>(null);

interface RealtimeProviderProps {
  /** The signed-in member's id, `null` for a visitor. */
  userId: string | null;
  children: ReactNode;
}

/**
 * Owns the socket: connects it once a feature first uses it and reconnects it whenever the signed-in
 * member changes, because the server reads the session only at the handshake.
 */
export function RealtimeProvider({ userId, children }: RealtimeProviderProps) {
  const [socket] = useState(createSocket);

  useEffect(() => {
    socket.reconnect();
  }, [socket, userId]);

  useEffect(() => () => socket.close(), [socket]);

  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

/** The app's socket, for features that watch threads or conversations. */
export function useSocket(): AgoraSocket {
  const socket = useContext(SocketContext);
  if (!socket) throw new Error('useSocket must be used inside <RealtimeProvider>');
  return socket;
}
