-- AlterTable
ALTER TABLE "User" ADD COLUMN     "alt" "Role",
ADD COLUMN     "role" "Role" NOT NULL DEFAULT 'USER';
