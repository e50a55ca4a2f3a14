-- AlterTable
CREATE SEQUENCE p_n_seq;
ALTER TABLE "P" ALTER COLUMN "n" SET DEFAULT nextval('p_n_seq');
ALTER TABLE "P" RENAME CONSTRAINT "P_old" TO "P_pkey";
ALTER SEQUENCE p_n_seq OWNED BY "P"."n";
